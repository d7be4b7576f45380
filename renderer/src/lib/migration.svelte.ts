/**
 * The Migration view's state (issue 15): the peering being migrated to a CCN, the proposal from
 * the migration core (shared/edit/migrate-ccn.ts: the CCN, the cloud's five steps each as a plan
 * with its findings and monthly cost per currency), and the step previewed on the canvas.
 *
 * The preview is read-only: the canvas draws the step's plan instead of the open one, nothing can
 * be moved or edited there, and Escape leaves it. Apply takes the proposal from the plan as it is
 * then (not as it was when the view opened), as one undoable edit that keeps the peering.
 */
import { migrationEdit, proposeCcnMigration } from '../../../shared/edit/migrate-ccn';
import type { CcnMigration, MigrationStep } from '../../../shared/edit/migrate-ccn';
import type { Plan } from '../../../shared/plan/model';
import type { EditorState } from './editor.svelte';

export type MigrationProposal =
  { readonly ok: true; readonly migration: CcnMigration } | { readonly ok: false; readonly message: string };

export class MigrationState {
  /** The peering whose migration is shown (null: the view is closed). */
  peeringId = $state<string | null>(null);
  /** The step (0-based) drawn on the canvas, or null: the canvas draws the open plan. */
  previewStep = $state<number | null>(null);
  /** Steps the user ticked off in the checklist (view state only: the cloud does the work). */
  done = $state<readonly number[]>([]);

  constructor(private readonly editor: EditorState) {}

  readonly proposal: MigrationProposal | null = $derived.by(() => {
    const plan = this.editor.plan;
    if (!plan || this.peeringId === null) return null;
    const result = proposeCcnMigration(plan, this.peeringId);
    return result.ok ? { ok: true, migration: result.migration } : { ok: false, message: result.message };
  });

  /** The step on the canvas, when one is previewed. */
  readonly preview: MigrationStep | null = $derived.by(() => {
    const proposal = this.proposal;
    if (!proposal?.ok || this.previewStep === null) return null;
    return proposal.migration.steps[this.previewStep] ?? null;
  });

  /** What the canvas draws while previewing (null: the open plan). */
  get previewPlan(): Plan | null {
    return this.preview?.plan ?? null;
  }

  open(peeringId: string): void {
    this.peeringId = peeringId;
    this.previewStep = null;
    this.done = [];
  }

  close(): void {
    this.peeringId = null;
    this.previewStep = null;
    this.done = [];
  }

  showStep(index: number | null): void {
    this.previewStep = index;
  }

  toggleDone(index: number): void {
    this.done = this.done.includes(index) ? this.done.filter((i) => i !== index) : [...this.done, index];
  }

  /**
   * Applies the proposal to the plan as it is now: the CCN and its attachments, the peering kept.
   * One undo step; the view closes and the CCN is selected. False when refused.
   */
  apply(): boolean {
    const plan = this.editor.plan;
    const peeringId = this.peeringId;
    if (!plan || peeringId === null) return false;
    const result = proposeCcnMigration(plan, peeringId);
    if (!result.ok) {
      this.editor.notice = { text: result.message, tone: 'error' };
      return false;
    }
    if (!this.editor.apply(migrationEdit(result.migration))) return false;
    this.close();
    this.editor.select([result.migration.ccnId], true);
    return true;
  }
}
