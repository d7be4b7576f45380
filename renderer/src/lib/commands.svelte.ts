/**
 * Every user action that the toolbar, the keyboard and the Electron menu can trigger, in one
 * place, so that all three do exactly the same thing.
 */
import { deletePeering, deleteVpc } from '../../../shared/edit/workflow';
import type { Plan } from '../../../shared/plan/model';
import { api } from './api';
import type { EditorState } from './editor.svelte';
import type { LibraryState } from './library.svelte';
import type { UiState } from './ui.svelte';

export type CommandName =
  | 'new-plan'
  | 'add-vpc'
  | 'connect'
  | 'undo'
  | 'redo'
  | 'auto-layout'
  | 'fit'
  | 'save-revision'
  | 'import'
  | 'export'
  | 'print'
  | 'history'
  | 'delete'
  | 'find'
  | 'escape'
  | 'toggle-theme'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset';

export const COMMAND_NAMES: readonly CommandName[] = [
  'new-plan',
  'add-vpc',
  'connect',
  'undo',
  'redo',
  'auto-layout',
  'fit',
  'save-revision',
  'import',
  'export',
  'print',
  'history',
  'delete',
  'find',
  'escape',
  'toggle-theme',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
];

export class Commands {
  /** Set by the App: opens the file picker (an <input type="file"> it owns). */
  pickFile: () => void = () => {};
  /** Set by the toolbar: focuses the canvas search box. */
  focusSearch: () => void = () => {};
  /** Set by the App: the review views (Export dialog, Print…, History). */
  openExport: () => void = () => {};
  print: () => void = () => {};
  openHistory: () => void = () => {};

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
        if (hasPlan) editor.layoutRequest++;
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
        else editor.select([]);
        break;
      case 'toggle-theme':
        ui.cycleTheme();
        break;
      case 'zoom-in':
      case 'zoom-out':
      case 'zoom-reset':
        if (hasPlan) editor.zoomRequest = { kind: name, seq: (editor.zoomRequest?.seq ?? 0) + 1 };
        break;
    }
  }

  deleteSelection(): void {
    const { editor, ui } = this;
    const plan = editor.plan;
    const id = editor.selection[0];
    if (!plan || id === undefined) return;
    if (plan.peerings.some((p) => p.id === id)) {
      ui.dialog = { kind: 'delete-peering', peering: id };
      return;
    }
    if (plan.vpcs.some((v) => v.id === id)) {
      if (editor.apply(deleteVpc(plan, id))) editor.select([]);
      return;
    }
    for (const vpc of plan.vpcs) {
      if (vpc.subnets.some((s) => s.id === id)) {
        if (
          editor.apply({ label: `Delete subnet ${id}`, edit: { kind: 'subnet.delete', vpc: vpc.id, id } })
        ) {
          editor.select([vpc.id]);
        }
        return;
      }
      if (vpc.routeTables.some((t) => t.id === id)) {
        if (
          editor.apply({
            label: `Delete route table ${id}`,
            edit: { kind: 'routeTable.delete', vpc: vpc.id, id },
          })
        ) {
          editor.select([vpc.id]);
        }
        return;
      }
    }
    if (plan.accounts.some((a) => a.id === id)) {
      if (editor.apply({ label: `Delete account ${id}`, edit: { kind: 'account.delete', id } }))
        editor.select([]);
    }
  }

  confirmDeletePeering(id: string): void {
    const plan = this.editor.plan;
    if (!plan) return;
    if (this.editor.apply(deletePeering(plan, id))) this.editor.select([]);
    this.ui.dialog = null;
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

  private selectedVpc(): string | null {
    const plan: Plan | null = this.editor.plan;
    const id = this.editor.selection[0];
    return plan && id !== undefined && plan.vpcs.some((v) => v.id === id) ? id : null;
  }
}
