/**
 * The open plan: the single source of truth of the editor. Every change goes through `apply`
 * (an edit from shared/edit, recorded for undo), findings are derived from the plan, and the
 * plan is saved to the library shortly after each change. The canvas and the inspector only
 * read this state and call its methods.
 *
 * The canvas positions are part of the edited document: a drag or an Auto layout is an undo step
 * like any edit, and positions are only saved for the plan a step was taken on. Positions the
 * canvas has to make up (a plan never laid out, a VPC just added) fill gaps and are saved with
 * the next step on that plan, never on their own.
 */
import type { Plan } from '../../../shared/plan/model';
import { asPlanFile } from '../../../shared/plan/as-file';
import type { Finding } from '../../../shared/rules/finding';
import { summarizeFindings, sortFindings } from '../../../shared/rules/finding';
import type { Edit } from '../../../shared/edit/operations';
import { EditError, idRenames } from '../../../shared/edit/operations';
import type { Deletion, LabelledEdit } from '../../../shared/edit/workflow';
import { HistoryManager } from '../../../shared/edit/history';
import type { HistoryStep } from '../../../shared/edit/history';
import { EMPTY_LAYOUT, layoutFromRecord, layoutToRecord, moveTo } from '../../../shared/edit/layout';
import type { Layout, LayoutEdit, Point } from '../../../shared/edit/layout';
import { IncrementalValidator } from '../../../shared/edit/revalidate';
import type { StoredPlan } from '../../../shared/ipc/contract';
import { api } from './api';
import { isLeanPlan } from './canvas-elements';
import { renamedSubject } from './selection';

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'unsaved' }
  | { readonly kind: 'error'; readonly message: string };

/** A user step: a plan edit, a layout edit, or both, with its label for Undo. */
export type UserStep =
  LabelledEdit | { readonly label: string; readonly edit?: Edit; readonly layout?: LayoutEdit };

/** How long after the last change the plan is saved. */
const AUTOSAVE_DELAY_MS = 400;

export class EditorState {
  planId = $state<string | null>(null);
  plan = $state.raw<Plan | null>(null);
  /** Where the canvas draws each VPC (part of the document: moves are undo steps). */
  positions = $state.raw<Layout>(EMPTY_LAYOUT);
  /** Ids of the selected plan objects; the first one is shown in the inspector. */
  selection = $state.raw<readonly string[]>([]);
  saveState = $state.raw<SaveState>({ kind: 'saved' });
  /** A one-line message for the user (an edit refused, an import error). */
  notice = $state.raw<{
    readonly text: string;
    readonly tone: 'error' | 'info';
    /** The notice offers Undo (a delete says what it removed and how to get it back). */
    readonly undo?: boolean;
  } | null>(null);
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
  /** Auto layout asked for, for one plan: only that plan's canvas runs it, once. */
  layoutRequest = $state.raw<{ readonly planId: string; readonly seq: number } | null>(null);
  /** A plan opened without any stored position: its canvas lays it out (not an undo step). */
  initialLayoutFor = $state.raw<string | null>(null);

  /** Set by the App: the library list refreshes its counts after a save. */
  onSaved: () => void = () => {};

  private readonly history = new HistoryManager();
  private readonly validator = new IncrementalValidator();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private savingPromise: Promise<void> = Promise.resolve();
  /** What the library holds for the open plan: a save writes only what differs. */
  private savedPlan: Plan | null = null;
  private savedLayout: Layout = EMPTY_LAYOUT;
  /** A user step was taken on the open plan since it was opened: its made-up positions may be saved. */
  private touched = false;

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
    const layout = layoutFromRecord(stored.positions);
    this.planId = stored.id;
    this.plan = stored.plan;
    this.positions = layout;
    this.savedPlan = stored.plan;
    this.savedLayout = layout;
    this.touched = false;
    this.selection = [];
    this.history.reset();
    this.historyVersion++;
    this.saveState = { kind: 'saved' };
    this.notice = null;
    this.layoutRequest = null;
    // A plan that has never been laid out gets the automatic layout; a big one (lean canvas) gets
    // its grid per region from the canvas instead, at once.
    this.initialLayoutFor =
      stored.plan.vpcs.length > 0 &&
      !isLeanPlan(stored.plan) &&
      stored.plan.vpcs.every((v) => !layout.has(v.id))
        ? stored.id
        : null;
  }

  close(): void {
    this.cancelTimers();
    this.planId = null;
    this.plan = null;
    this.positions = EMPTY_LAYOUT;
    this.savedPlan = null;
    this.savedLayout = EMPTY_LAYOUT;
    this.touched = false;
    this.selection = [];
    this.layoutRequest = null;
    this.initialLayoutFor = null;
    this.history.reset();
    this.historyVersion++;
  }

  /** Asks the open plan's canvas for an automatic layout (an undo step once it is computed). */
  requestLayout(): void {
    if (this.planId) this.layoutRequest = { planId: this.planId, seq: (this.layoutRequest?.seq ?? 0) + 1 };
  }

  /** The canvas of `planId` takes the pending layout request, if it is for that plan. */
  takeLayoutRequest(planId: string): boolean {
    if (this.layoutRequest?.planId !== planId) return false;
    this.layoutRequest = null;
    return true;
  }

  /** The canvas of `planId` takes the pending first layout of a plan never laid out. */
  takeInitialLayout(planId: string): boolean {
    if (this.initialLayoutFor !== planId) return false;
    this.initialLayoutFor = null;
    return true;
  }

  /** VPCs dragged on the canvas of `planId`: one undo step. */
  moveVpcs(planId: string, points: ReadonlyMap<string, Point>): void {
    if (planId !== this.planId) return;
    const edit = moveTo(this.positions, points);
    if (!edit) return;
    const ids = [...edit.positions.keys()];
    this.apply({ label: ids.length === 1 ? `Move ${ids[0]}` : `Move ${ids.length} VPCs`, layout: edit });
  }

  /** An Auto layout computed by the canvas of `planId`: one undo step. */
  applyLayout(planId: string, points: ReadonlyMap<string, Point>): void {
    if (planId !== this.planId) return;
    const edit = moveTo(this.positions, points);
    if (edit) this.apply({ label: 'Auto layout', layout: edit });
  }

  /**
   * Positions the canvas of `planId` made up for VPCs that have none (a VPC just added, a plan
   * never laid out): not an undo step, and saved only with a step the user takes on this plan.
   * `replaceMadeUp`: the first layout of a plan never laid out replaces the made-up ones.
   */
  placeUnplaced(planId: string, points: ReadonlyMap<string, Point>, replaceMadeUp = false): void {
    if (planId !== this.planId) return;
    let next: Map<string, Point> | null = null;
    for (const [id, point] of points) {
      if (this.positions.has(id) && !(replaceMadeUp && !this.savedLayout.has(id) && !this.touched)) continue;
      // A fresh map, stored as a new (raw) value and never mutated afterwards.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      next ??= new Map(this.positions);
      next.set(id, point);
    }
    if (!next) return;
    this.positions = next;
    if (this.touched) this.scheduleSave();
  }

  /** One user step: applied, recorded for undo, saved shortly after. False when refused. */
  apply(step: UserStep): boolean {
    if (!this.plan) return false;
    try {
      const result = this.history.apply(
        { plan: this.plan, layout: this.positions },
        {
          ...(step.edit ? { edit: step.edit } : {}),
          ...('layout' in step && step.layout ? { layout: step.layout } : {}),
        },
        step.label,
      );
      this.commit(result);
      if (step.edit) this.followRenames(step.edit);
      return true;
    } catch (error) {
      this.refuse(error);
      return false;
    }
  }

  /** A delete: one undo step, and a notice saying what it removed, with Undo. */
  applyDeletion(deletion: Deletion): boolean {
    if (!this.apply(deletion)) return false;
    this.notice = { text: `${deletion.summary} Undo: Ctrl+Z.`, tone: 'info', undo: true };
    return true;
  }

  undo(): void {
    if (!this.plan) return;
    try {
      const step = this.history.undo({ plan: this.plan, layout: this.positions });
      if (step) {
        this.commit(step, `Undone: ${step.label}`);
        if (step.applied.edit) this.followRenames(step.applied.edit);
      }
    } catch (error) {
      this.refuse(error);
    }
  }

  redo(): void {
    if (!this.plan) return;
    try {
      const step = this.history.redo({ plan: this.plan, layout: this.positions });
      if (step) {
        this.commit(step, `Redone: ${step.label}`);
        if (step.applied.edit) this.followRenames(step.applied.edit);
      }
    } catch (error) {
      this.refuse(error);
    }
  }

  select(ids: readonly string[], frame = false): void {
    this.selection = ids;
    if (frame) this.frameRequest++;
  }

  /** Saves whatever is pending now (before the window closes or hides, or another plan opens). */
  async flush(): Promise<void> {
    const pending = this.saveTimer !== null;
    this.cancelTimers();
    if (pending) await this.saveNow();
    await this.savingPromise;
  }

  /** An ID renamed: the selection and the canvas position follow it (not an undo step of its own). */
  private followRenames(edit: Edit): void {
    for (const { from, to } of idRenames(edit)) {
      this.selection = this.selection.map((s) => renamedSubject(s, from, to));
      const position = this.positions.get(from);
      if (position && !this.positions.has(to)) {
        // A one-entry argument, not state.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        const moved = new Map([[to, position]]);
        this.placeUnplaced(this.planId ?? '', moved);
      }
    }
  }

  private commit(step: HistoryStep, message?: string): void {
    this.plan = step.document.plan;
    this.positions = step.document.layout;
    this.touched = true;
    this.historyVersion++;
    this.notice = message ? { text: message, tone: 'info' } : null;
    this.saveState = { kind: 'unsaved' };
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), AUTOSAVE_DELAY_MS);
  }

  private refuse(error: unknown): void {
    if (error instanceof EditError) this.notice = { text: error.message, tone: 'error' };
    else throw error;
  }

  /** Writes the plan and its positions, each only when it differs from what the library holds. */
  private async saveNow(): Promise<void> {
    this.saveTimer = null;
    const { planId, plan, positions } = this;
    if (!planId || !plan || !this.touched) return;
    this.saveState = { kind: 'saving' };
    const run = async (): Promise<void> => {
      // Another plan opened meanwhile: this save belongs to the plan it was taken for only.
      let error: string | null = null;
      if (plan !== this.savedPlan) {
        const result = await api['plans.save']({ id: planId, plan: asPlanFile(plan) });
        if (result.ok && this.planId === planId) this.savedPlan = plan;
        if (!result.ok) error = `Not saved: ${result.error.message}`;
      }
      if (positions !== this.savedLayout) {
        const result = await api['plans.savePositions']({ id: planId, positions: layoutToRecord(positions) });
        if (result.ok && this.planId === planId) this.savedLayout = positions;
        if (!result.ok) error ??= `Layout not saved: ${result.error.message}`;
      }
      // A newer change may have arrived while saving: it has its own timer.
      if (this.planId !== planId || this.plan !== plan || this.positions !== positions) return;
      this.saveState = error === null ? { kind: 'saved' } : { kind: 'error', message: error };
      if (error === null) this.onSaved();
    };
    this.savingPromise = this.savingPromise.then(run, run);
    await this.savingPromise;
  }

  private cancelTimers(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }
}
