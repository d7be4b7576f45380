/**
 * Undo and redo as data. Each user step is one entry holding what was applied to the document
 * (a plan edit, a layout edit, or both) and its inverse, with a label for people ("Undo Add VPC
 * vpc-3"). Loading a plan or taking in an external change is not a step: it clears the history
 * (`reset`), since old inverses would not fit the new plan.
 */
import { applyEdit } from './operations';
import { applyLayoutEdit } from './layout';
import type { DocumentEdit, PlanDocument } from './layout';

export interface HistoryEntry {
  readonly label: string;
  readonly step: DocumentEdit;
  readonly inverse: DocumentEdit;
}

export interface HistoryStep {
  readonly document: PlanDocument;
  /** What changed, as applied to the previous document (the inverse when undoing). */
  readonly applied: DocumentEdit;
  readonly label: string;
}

/** Applies a step to a document; the result and the step that undoes it. */
export function applyDocumentEdit(
  document: PlanDocument,
  step: DocumentEdit,
): { document: PlanDocument; inverse: DocumentEdit } {
  const planResult = step.edit ? applyEdit(document.plan, step.edit) : null;
  const layoutResult = step.layout ? applyLayoutEdit(document.layout, step.layout) : null;
  return {
    document: {
      plan: planResult ? planResult.plan : document.plan,
      layout: layoutResult ? layoutResult.layout : document.layout,
    },
    inverse: {
      ...(planResult ? { edit: planResult.inverse } : {}),
      ...(layoutResult ? { layout: layoutResult.inverse } : {}),
    },
  };
}

export class HistoryManager {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = 500) {}

  /** Applies a user step and records it; the redo stack is dropped (a new branch). */
  apply(document: PlanDocument, step: DocumentEdit, label: string): HistoryStep {
    const result = applyDocumentEdit(document, step);
    this.undoStack.push({ label, step, inverse: result.inverse });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
    return { document: result.document, applied: step, label };
  }

  undo(document: PlanDocument): HistoryStep | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const result = applyDocumentEdit(document, entry.inverse);
    // Re-derive the forward step from this application, so redo stays exact.
    this.redoStack.push({ label: entry.label, step: result.inverse, inverse: entry.inverse });
    return { document: result.document, applied: entry.inverse, label: entry.label };
  }

  redo(document: PlanDocument): HistoryStep | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const result = applyDocumentEdit(document, entry.step);
    this.undoStack.push({ label: entry.label, step: entry.step, inverse: result.inverse });
    return { document: result.document, applied: entry.step, label: entry.label };
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
