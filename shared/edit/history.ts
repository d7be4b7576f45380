/**
 * Undo and redo as data. Each user step is one entry holding the edit that was applied and its
 * inverse, with a label for people ("Undo Add VPC vpc-3"). Loading a plan or taking in an
 * external change is not a step: it clears the history (`reset`), since old inverses would not
 * fit the new plan.
 */
import type { Plan } from '../plan/model';
import { applyEdit } from './operations';
import type { Edit } from './operations';

export interface HistoryEntry {
  readonly label: string;
  readonly edit: Edit;
  readonly inverse: Edit;
}

export interface HistoryStep {
  readonly plan: Plan;
  /** What changed, as applied to the previous plan (the inverse when undoing). */
  readonly applied: Edit;
  readonly label: string;
}

export class HistoryManager {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = 500) {}

  /** Applies a user step and records it; the redo stack is dropped (a new branch). */
  apply(plan: Plan, edit: Edit, label: string): HistoryStep {
    const result = applyEdit(plan, edit);
    this.undoStack.push({ label, edit, inverse: result.inverse });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
    return { plan: result.plan, applied: edit, label };
  }

  undo(plan: Plan): HistoryStep | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const result = applyEdit(plan, entry.inverse);
    // Re-derive the forward edit from this application, so redo stays exact.
    this.redoStack.push({ label: entry.label, edit: result.inverse, inverse: entry.inverse });
    return { plan: result.plan, applied: entry.inverse, label: entry.label };
  }

  redo(plan: Plan): HistoryStep | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const result = applyEdit(plan, entry.edit);
    this.undoStack.push({ label: entry.label, edit: entry.edit, inverse: result.inverse });
    return { plan: result.plan, applied: entry.edit, label: entry.label };
  }

  /** A load or an external change: nothing before it can be undone. */
  reset(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null;
  }
}
