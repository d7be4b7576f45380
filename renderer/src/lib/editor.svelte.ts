/**
 * The open plan: the single source of truth of the editor. Every change goes through `apply`
 * (an edit from shared/edit, recorded for undo), findings are derived from the plan, and the
 * plan is saved to the library shortly after each change. The canvas and the inspector only
 * read this state and call its methods.
 */
import type { Plan } from '../../../shared/plan/model';
import type { Finding } from '../../../shared/rules/finding';
import { summarizeFindings, sortFindings } from '../../../shared/rules/finding';
import type { Edit } from '../../../shared/edit/operations';
import { EditError, idRenames } from '../../../shared/edit/operations';
import type { LabelledEdit } from '../../../shared/edit/workflow';
import { HistoryManager } from '../../../shared/edit/history';
import { IncrementalValidator } from '../../../shared/edit/revalidate';
import type { StoredPlan } from '../../../shared/ipc/contract';
import { api } from './api';
import { isLeanPlan } from './canvas-elements';

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'unsaved' }
  | { readonly kind: 'error'; readonly message: string };

export type Positions = Record<string, { x: number; y: number }>;

/** How long after the last change the plan is saved. */
const AUTOSAVE_DELAY_MS = 400;

export class EditorState {
  planId = $state<string | null>(null);
  plan = $state.raw<Plan | null>(null);
  positions = $state.raw<Positions>({});
  /** Ids of the selected plan objects; the first one is shown in the inspector. */
  selection = $state.raw<readonly string[]>([]);
  saveState = $state.raw<SaveState>({ kind: 'saved' });
  /** A one-line message for the user (an edit refused, an import error). */
  notice = $state.raw<{ readonly text: string; readonly tone: 'error' | 'info' } | null>(null);
  /** Bumped on every history change so that undo/redo availability is reactive. */
  private historyVersion = $state(0);
  /** Bumped when the canvas should frame the selection. */
  frameRequest = $state(0);
  /** Set when the canvas should zoom (menu commands). */
  zoomRequest = $state.raw<{
    readonly kind: 'zoom-in' | 'zoom-out' | 'zoom-reset';
    readonly seq: number;
  } | null>(null);
  /** Bumped when the canvas should fit the whole plan. */
  fitRequest = $state(0);
  /** Bumped when the canvas should run the automatic layout. */
  layoutRequest = $state(0);

  /** Set by the App: the library list refreshes its counts after a save. */
  onSaved: () => void = () => {};

  private readonly history = new HistoryManager();
  private readonly validator = new IncrementalValidator();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private positionsTimer: ReturnType<typeof setTimeout> | null = null;
  private savingPromise: Promise<void> = Promise.resolve();

  readonly findings: readonly Finding[] = $derived(
    this.plan ? sortFindings(this.validator.findings(this.plan)) : [],
  );
  readonly summary = $derived(summarizeFindings(this.findings));
  /** Findings by the id of each subject they name. */
  readonly findingsBySubject: ReadonlyMap<string, readonly Finding[]> = $derived.by(() => {
    // A fresh map per derivation, never mutated afterwards: no reactivity needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const map = new Map<string, Finding[]>();
    for (const f of this.findings) {
      for (const subject of f.subjects) {
        const list = map.get(subject);
        if (list) list.push(f);
        else map.set(subject, [f]);
      }
    }
    return map;
  });

  get canUndo(): boolean {
    void this.historyVersion;
    return this.history.canUndo;
  }
  get canRedo(): boolean {
    void this.historyVersion;
    return this.history.canRedo;
  }
  get undoLabel(): string | null {
    void this.historyVersion;
    return this.history.undoLabel;
  }
  get redoLabel(): string | null {
    void this.historyVersion;
    return this.history.redoLabel;
  }

  /** Opens a stored plan. Not an undo step: the history starts empty. */
  load(stored: StoredPlan): void {
    this.cancelTimers();
    this.planId = stored.id;
    this.plan = stored.plan;
    this.positions = stored.positions;
    this.selection = [];
    this.history.reset();
    this.historyVersion++;
    this.saveState = { kind: 'saved' };
    this.notice = null;
    // A plan that has never been laid out gets the automatic layout; a big one (lean canvas) gets
    // its grid per region from the canvas instead, at once.
    if (
      stored.plan.vpcs.length > 0 &&
      !isLeanPlan(stored.plan) &&
      stored.plan.vpcs.every((v) => !stored.positions[v.id])
    )
      this.layoutRequest++;
  }

  close(): void {
    this.cancelTimers();
    this.planId = null;
    this.plan = null;
    this.positions = {};
    this.selection = [];
    this.history.reset();
    this.historyVersion++;
  }

  /** One user step: applied, recorded for undo, saved shortly after. False when refused. */
  apply(step: LabelledEdit | { label: string; edit: Edit }): boolean {
    if (!this.plan) return false;
    try {
      const result = this.history.apply(this.plan, step.edit, step.label);
      this.commit(result.plan);
      this.followRenames(result.applied);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  undo(): void {
    if (!this.plan) return;
    try {
      const step = this.history.undo(this.plan);
      if (step) {
        this.commit(step.plan, `Undone: ${step.label}`);
        this.followRenames(step.applied);
      }
    } catch (error) {
      this.refuse(error);
    }
  }

  redo(): void {
    if (!this.plan) return;
    try {
      const step = this.history.redo(this.plan);
      if (step) {
        this.commit(step.plan, `Redone: ${step.label}`);
        this.followRenames(step.applied);
      }
    } catch (error) {
      this.refuse(error);
    }
  }

  select(ids: readonly string[], frame = false): void {
    this.selection = ids;
    if (frame) this.frameRequest++;
  }

  /** Canvas drags: not a plan edit, saved on their own. */
  movePositions(moved: Positions): void {
    this.positions = { ...this.positions, ...moved };
    if (this.positionsTimer) clearTimeout(this.positionsTimer);
    this.positionsTimer = setTimeout(() => void this.savePositionsNow(), AUTOSAVE_DELAY_MS);
  }

  /** Saves whatever is pending now (before the window closes or hides). */
  async flush(): Promise<void> {
    const pendingPlan = this.saveTimer !== null;
    const pendingPositions = this.positionsTimer !== null;
    this.cancelTimers();
    if (pendingPlan) await this.saveNow();
    if (pendingPositions) await this.savePositionsNow();
    await this.savingPromise;
  }

  /** An ID rename (or its undo): the selection and the canvas positions, keyed by ID, follow. */
  private followRenames(edit: Edit): void {
    for (const { from, to } of idRenames(edit)) {
      this.selection = this.selection.map((s) =>
        s === from ? to : s.startsWith(`${from}#`) ? `${to}${s.slice(from.length)}` : s,
      );
      const position = this.positions[from];
      if (position) this.movePositions({ [to]: position });
    }
  }

  private commit(plan: Plan, message?: string): void {
    this.plan = plan;
    this.historyVersion++;
    // Drop selected ids that no longer exist (after a delete or an undo of an add).
    this.notice = message ? { text: message, tone: 'info' } : null;
    this.saveState = { kind: 'unsaved' };
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), AUTOSAVE_DELAY_MS);
  }

  private refuse(error: unknown): void {
    if (error instanceof EditError) this.notice = { text: error.message, tone: 'error' };
    else throw error;
  }

  private async saveNow(): Promise<void> {
    this.saveTimer = null;
    const { planId, plan } = this;
    if (!planId || !plan) return;
    this.saveState = { kind: 'saving' };
    const run = async (): Promise<void> => {
      const result = await api['plans.save']({ id: planId, plan: plan as never });
      // A newer change may have arrived while saving: it has its own timer.
      if (this.plan !== plan || this.planId !== planId) return;
      this.saveState = result.ok
        ? { kind: 'saved' }
        : { kind: 'error', message: `Not saved: ${result.error.message}` };
    };
    this.savingPromise = this.savingPromise.then(run, run);
    await this.savingPromise;
  }

  private async savePositionsNow(): Promise<void> {
    this.positionsTimer = null;
    const { planId, positions } = this;
    if (!planId) return;
    const result = await api['plans.savePositions']({ id: planId, positions });
    if (!result.ok) this.saveState = { kind: 'error', message: `Layout not saved: ${result.error.message}` };
  }

  private cancelTimers(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.positionsTimer) clearTimeout(this.positionsTimer);
    this.saveTimer = null;
    this.positionsTimer = null;
  }
}
