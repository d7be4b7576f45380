/**
 * The plan library as the sidebar shows it: the list of stored plans and the operations on
 * them. Opening a plan hands it to the EditorState (after saving what the editor has pending).
 */
import type { PlanSummary, StoredPlan } from '../../../shared/ipc/contract';
import type { PlanFile } from '../../../shared/plan/schema';
import { PLAN_FORMAT } from '../../../shared/plan/model';
import { api } from './api';
import type { EditorState } from './editor.svelte';

const LAST_PLAN_KEY = 'peerplan.lastPlan';

export class LibraryState {
  plans = $state.raw<readonly PlanSummary[]>([]);
  search = $state('');
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly filtered = $derived.by(() => {
    const query = this.search.trim().toLowerCase();
    return query === '' ? this.plans : this.plans.filter((p) => p.name.toLowerCase().includes(query));
  });

  constructor(private readonly editor: EditorState) {}

  async refresh(): Promise<void> {
    const result = await api['plans.list']({});
    if (result.ok) {
      this.plans = [...result.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      this.error = null;
    } else {
      this.error = result.error.message;
    }
    this.loaded = true;
  }

  async open(id: string): Promise<boolean> {
    // The open plan's own row: it is open already, with its undo history; reloading would drop it.
    if (id === this.editor.planId) return true;
    await this.editor.flush();
    const result = await api['plans.get']({ id });
    if (!result.ok) {
      this.error = result.error.message;
      return false;
    }
    this.openStored(result.value);
    // The plan left behind may have been saved since the list was read: its counts follow.
    await this.refresh();
    return true;
  }

  /** A new plan: one account of ours, dated today, ready for its first VPC. */
  async createEmpty(name: string): Promise<boolean> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, not state
    const today = new Date().toISOString().slice(0, 10);
    return this.create(name, {
      format: PLAN_FORMAT,
      name,
      asOf: today,
      accounts: [{ id: '100000000001', name: 'Our account', own: true }],
      vpcs: [],
    });
  }

  async create(name: string, plan?: PlanFile): Promise<boolean> {
    await this.editor.flush();
    const result = await api['plans.create']({ name, ...(plan ? { plan } : {}) });
    if (!result.ok) {
      this.error = result.error.message;
      return false;
    }
    this.openStored(result.value);
    await this.refresh();
    return true;
  }

  async rename(id: string, name: string): Promise<void> {
    const result = await api['plans.rename']({ id, name });
    if (!result.ok) this.error = result.error.message;
    else if (this.editor.planId === id && this.editor.plan) {
      // The library renamed the stored plan; the open copy follows without an undo step.
      const reopened = await api['plans.get']({ id });
      if (reopened.ok) this.editor.plan = { ...this.editor.plan, name: reopened.value.plan.name };
    }
    await this.refresh();
  }

  async duplicate(id: string, name: string): Promise<void> {
    await this.editor.flush();
    const result = await api['plans.duplicate']({ id, name });
    if (!result.ok) this.error = result.error.message;
    await this.refresh();
  }

  async remove(id: string): Promise<void> {
    if (this.editor.planId === id) this.editor.close();
    const result = await api['plans.delete']({ id });
    if (!result.ok) this.error = result.error.message;
    await this.refresh();
  }

  /** Imports a plan file's text; on a refusal, returns the message (with path and line). */
  async importText(text: string, fileName: string): Promise<string | null> {
    await this.editor.flush();
    const result = await api['plans.import']({ text, fileName });
    if (!result.ok) {
      // The message already names the file, line, column and JSON path (formatPlanError).
      const { message } = result.error;
      return message.startsWith(fileName) ? message : `${fileName}: ${message}`;
    }
    this.openStored(result.value);
    await this.refresh();
    return null;
  }

  /** Reopens the plan that was open last time, when it is still in the library. */
  async reopenLast(): Promise<void> {
    const last = globalThis.localStorage?.getItem(LAST_PLAN_KEY);
    if (last && this.plans.some((p) => p.id === last)) await this.open(last);
  }

  private openStored(stored: StoredPlan): void {
    this.error = null;
    this.editor.load(stored);
    globalThis.localStorage?.setItem(LAST_PLAN_KEY, stored.id);
  }
}
