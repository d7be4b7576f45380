/**
 * Every user action that the toolbar, the keyboard and the Electron menu can trigger, in one
 * place, so that all three do exactly the same thing.
 */
import { deleteObject } from '../../../shared/edit/workflow';
import { attachVpc } from '../../../shared/edit/ccn-workflow';
import { EditError } from '../../../shared/edit/operations';
import { ccnAttachmentId } from '../../../shared/plan/model';
import type { CcnPublish } from '../../../shared/plan/model';
import { resolveId } from './selection';
import type { Plan } from '../../../shared/plan/model';
import { api } from './api';
import type { EditorState } from './editor.svelte';
import type { LibraryState } from './library.svelte';
import type { UiState } from './ui.svelte';
import type { MigrationState } from './migration.svelte';
import type { CommandName } from '../../../shared/ui/shortcuts';

export { COMMAND_NAMES } from '../../../shared/ui/shortcuts';
export type { CommandName } from '../../../shared/ui/shortcuts';

export class Commands {
  /** Set by the App: opens the file picker (an <input type="file"> it owns). */
  pickFile: () => void = () => {};
  /** Set by the toolbar: focuses the canvas search box. */
  focusSearch: () => void = () => {};
  /** Set by the canvas: takes the keyboard focus. */
  focusCanvas: () => void = () => {};
  /** Set by the inspector: moves the keyboard focus into it. */
  focusInspector: () => void = () => {};
  /** Set by the App: the review views (Export dialog, Print…, History). */
  openExport: () => void = () => {};
  print: () => void = () => {};
  openHistory: () => void = () => {};
  /** Set by the App: the Migration view (its canvas preview leaves on Escape). */
  migration: MigrationState | null = null;

  constructor(
    private readonly editor: EditorState,
    private readonly library: LibraryState,
    private readonly ui: UiState,
  ) {}

  run(name: CommandName): void {
    const { editor, ui } = this;
    const hasPlan = editor.plan !== null;
    switch (name) {
      case 'new-plan':
        ui.dialog = { kind: 'new-plan' };
        break;
      case 'add-vpc':
        if (hasPlan) ui.dialog = { kind: 'add-vpc' };
        break;
      case 'connect':
        if (!hasPlan) break;
        if (ui.connecting) ui.connecting = null;
        else ui.connecting = { requester: this.selectedVpc() };
        break;
      case 'undo':
        editor.undo();
        break;
      case 'redo':
        editor.redo();
        break;
      case 'auto-layout':
        editor.requestLayout();
        break;
      case 'fit':
        if (hasPlan) editor.fitRequest++;
        break;
      case 'save-revision':
        if (hasPlan) ui.dialog = { kind: 'save-revision' };
        break;
      case 'import':
        this.pickFile();
        break;
      case 'export':
        if (hasPlan) this.openExport();
        break;
      case 'print':
        if (hasPlan) this.print();
        break;
      case 'history':
        if (hasPlan) this.openHistory();
        break;
      case 'delete':
        this.deleteSelection();
        break;
      case 'find':
        if (hasPlan) this.focusSearch();
        break;
      case 'escape':
        if (ui.dialog) ui.dialog = null;
        else if (ui.connecting) ui.connecting = null;
        else if (this.migration?.previewStep != null) this.migration.showStep(null);
        else editor.select([]);
        break;
      case 'toggle-theme':
        ui.cycleTheme();
        break;
      case 'shortcuts':
        ui.dialog = { kind: 'shortcuts' };
        break;
      case 'focus-canvas':
        if (hasPlan) this.focusCanvas();
        break;
      case 'zoom-in':
      case 'zoom-out':
      case 'zoom-reset':
        if (hasPlan) editor.zoomRequest = { kind: name, seq: (editor.zoomRequest?.seq ?? 0) + 1 };
        break;
    }
  }

  /** Migrate to CCN (a cross-region peering's inspector and menu): opens the Migration view. */
  migrateToCcn(peeringId: string): void {
    if (!this.editor.plan || !this.migration) return;
    this.ui.connecting = null;
    this.migration.open(peeringId);
    this.ui.sidePanels.inspectorCollapsed = false;
  }

  /** Add CCN (the toolbar): the dialog for a new CCN. */
  addCcn(): void {
    if (this.editor.plan) this.ui.dialog = { kind: 'add-ccn' };
  }

  /**
   * Connect between a VPC and a CCN hub (either picked first): attaches the VPC, one undo step,
   * and selects the attachment. Two hubs do not connect: said in the notice.
   */
  connectToCcn(first: string, second: string): boolean {
    const { editor } = this;
    const plan = editor.plan;
    if (!plan) return false;
    const firstIsHub = plan.ccns.some((c) => c.id === first);
    const secondIsHub = plan.ccns.some((c) => c.id === second);
    if (firstIsHub && secondIsHub) {
      editor.notice = { text: 'Two CCNs do not connect: attach a VPC to a CCN.', tone: 'error' };
      return false;
    }
    const [ccn, vpc] = firstIsHub ? [first, second] : [second, first];
    return this.attachToCcn(ccn, vpc);
  }

  /** Attaches a VPC to a CCN as one undo step and selects the attachment; refusals go to the notice. */
  attachToCcn(ccn: string, vpc: string, publish: CcnPublish = 'vpc'): boolean {
    const { editor } = this;
    const plan = editor.plan;
    if (!plan) return false;
    try {
      if (!editor.apply(attachVpc(plan, ccn, vpc, { publish }))) return false;
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      editor.notice = { text: error.message, tone: 'error' };
      return false;
    }
    editor.select([ccnAttachmentId(ccn, vpc)]);
    return true;
  }

  /** Delete (the key, the menu): the selected object, as one undo step that says what it removed. */
  deleteSelection(): void {
    const id = this.editor.selection[0];
    if (id !== undefined) this.deleteObject(id);
  }

  /** Deletes any object by id (the inspector's Delete buttons come here too). */
  deleteObject(id: string): void {
    const { editor } = this;
    const plan = editor.plan;
    if (!plan) return;
    const deletion = deleteObject(plan, id);
    if (!deletion) return;
    const vpcOfPart = resolveId(plan, id);
    if (!editor.applyDeletion(deletion)) return;
    // A part of a VPC: the VPC stays selected; a detached VPC: its CCN; anything else leaves nothing selected.
    if (vpcOfPart && 'vpc' in vpcOfPart && vpcOfPart.kind !== 'vpc') editor.select([vpcOfPart.vpc.id]);
    else if (vpcOfPart?.kind === 'ccnAttachment') editor.select([vpcOfPart.ccn.id]);
    else editor.select([]);
  }

  async saveRevision(message: string): Promise<void> {
    const { editor } = this;
    if (!editor.planId) return;
    await editor.flush();
    const result = await api['revisions.save']({ planId: editor.planId, message });
    editor.notice = result.ok
      ? { text: `Revision saved${message ? `: ${message}` : ''}`, tone: 'info' }
      : { text: `Revision not saved: ${result.error.message}`, tone: 'error' };
  }

  async importFile(file: File): Promise<void> {
    const text = await file.text();
    const error = await this.library.importText(text, file.name);
    if (error) this.ui.dialog = { kind: 'import-error', message: error };
  }

  /** The selected VPC or CCN hub: where Connect starts from. */
  private selectedVpc(): string | null {
    const plan: Plan | null = this.editor.plan;
    const id = this.editor.selection[0];
    return plan &&
      id !== undefined &&
      (plan.vpcs.some((v) => v.id === id) || plan.ccns.some((c) => c.id === id))
      ? id
      : null;
  }
}
