/**
 * Review from the app: exports (every `peerplan export` format, pictures, print), the plan's
 * history (revisions with their figures; open read-only, compare, restore) and the comparison of
 * two plans (shared/diff) with its marks on the canvas. The views (ExportDialog, HistoryDialog,
 * RevisionView, CompareView) read this state; the canvas reads `canvasMarks`.
 */
import { layoutToRecord } from '../../../shared/edit/layout';
import type { Point } from '../../../shared/edit/layout';
import { diffPlans } from '../../../shared/diff/plan-diff';
import type { PlanExportFormat, RevisionListItem, RevisionSummary } from '../../../shared/ipc/contract';
import type { Plan } from '../../../shared/plan/model';
import type { Finding } from '../../../shared/rules/finding';
import { sortFindings } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { api, isDesktop } from './api';
import type { EditorState } from './editor.svelte';
import { planFileName } from '../../../shared/export/names';
import { compareMarks } from './compare-marks';
import type { CanvasMarks, ComparedSide, Comparison } from './compare-marks';
export { selectableId } from './compare-marks';
export type { Comparison } from './compare-marks';

/** The items of the Export dialog: their names are a contract (tests and users look for them). */
export const EXPORT_ITEMS = [
  { name: 'Report (HTML)', format: 'html', hint: 'Topology, findings, routes, reachability, costs' },
  { name: 'Report (Markdown)', format: 'md', hint: 'For a pull request or a wiki' },
  { name: 'Terraform', format: 'tf', hint: 'tencentcloud provider: VPCs, subnets, routes, peerings' },
  { name: 'API call sequence', format: 'api', hint: 'Tencent Cloud API calls in order (JSON)' },
  { name: 'Route tables (CSV)', format: 'csv', hint: 'Every effective route, with missing ones' },
  { name: 'Plan file (JSON)', format: 'json', hint: 'The normalised plan file' },
  { name: 'Picture (PNG)', format: 'png', hint: 'The canvas as drawn, at 2×' },
  { name: 'Picture (SVG)', format: 'svg', hint: 'The topology drawing of the HTML report' },
] as const satisfies readonly { name: string; format: PlanExportFormat | 'png'; hint: string }[];

export type ExportItem = (typeof EXPORT_ITEMS)[number];

export interface OpenedRevision {
  readonly revision: RevisionSummary;
  readonly plan: Plan;
  readonly findings: readonly Finding[];
  readonly svg: string;
}

/** Shows a report (a whole HTML document) in `target`, its styles set through the CSSOM. */
function showReport(target: Window, html: string): void {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const doc = target.document;
  doc.title = source.title;
  const sheet = new (target as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync([...source.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n'));
  doc.adoptedStyleSheets = [sheet];
  const styled = [...source.body.querySelectorAll<HTMLElement>('[style]')].map((element) => {
    const css = element.getAttribute('style') ?? '';
    element.removeAttribute('style');
    return { element, css };
  });
  const body = doc.importNode(source.body, true);
  // Walk both trees in step to give each imported element its style back.
  const imported = [...body.querySelectorAll<HTMLElement>('*')];
  const originals = [...source.body.querySelectorAll<HTMLElement>('*')];
  const cssOf = new Map(styled.map(({ element, css }) => [element, css]));
  originals.forEach((original, index) => {
    const css = cssOf.get(original);
    if (css !== undefined) imported[index]!.style.cssText = css;
  });
  doc.body.replaceWith(body);
}

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class ReviewState {
  exportOpen = $state(false);
  historyOpen = $state(false);
  revisions = $state.raw<readonly RevisionListItem[]>([]);
  historyLoading = $state(false);
  historyError = $state<string | null>(null);
  viewing = $state.raw<OpenedRevision | null>(null);
  comparison = $state.raw<Comparison | null>(null);
  /** The revision whose restore waits for the user's yes. */
  confirmRestore = $state.raw<RevisionListItem | null>(null);
  /** Work in progress, said in the dialog ("Exporting Terraform…"). */
  busy = $state<string | null>(null);

  /** Set by the canvas: the picture as drawn (base64 PNG at 2×), or null when there is none. */
  canvasPicture: (() => string | null) | null = null;

  constructor(private readonly editor: EditorState) {}

  readonly canvasMarks: CanvasMarks = $derived.by(() => compareMarks(this.comparison, this.editor.plan));

  // Exports ----------------------------------------------------------------------------------

  async exportItem(item: ExportItem): Promise<void> {
    const { editor } = this;
    if (!editor.planId || !editor.plan) return;
    this.busy = `Exporting ${item.name}…`;
    try {
      await editor.flush();
      if (item.format === 'png') {
        const base64 = this.canvasPicture?.() ?? null;
        if (base64 === null) {
          editor.notice = { text: 'Export failed: the canvas has nothing drawn yet.', tone: 'error' };
          return;
        }
        const fileName = planFileName(editor.plan.name, '.png');
        await this.save(fileName, base64, 'image/png', 'base64');
        return;
      }
      const exported = await api['plans.export']({ id: editor.planId, format: item.format });
      if (!exported.ok) {
        editor.notice = { text: `Export failed: ${exported.error.message}`, tone: 'error' };
        return;
      }
      const mediaType = item.format === 'svg' ? 'image/svg+xml' : mediaTypeOf(item.format);
      await this.save(exported.value.fileName, exported.value.text, mediaType, 'utf8');
    } finally {
      this.busy = null;
    }
  }

  /** Print…: the HTML report, to PDF in Electron, through the browser's print dialog otherwise. */
  async print(): Promise<void> {
    const { editor } = this;
    if (!editor.planId) return;
    await editor.flush();
    const exported = await api['plans.export']({ id: editor.planId, format: 'html' });
    if (!exported.ok) {
      editor.notice = { text: `Print failed: ${exported.error.message}`, tone: 'error' };
      return;
    }
    const html = exported.value.text;
    if (isDesktop) {
      const pdfName = exported.value.fileName.replace(/\.html$/, '.pdf');
      const saved = await api['files.savePdf']({ suggestedName: pdfName, html });
      if (!saved.ok) editor.notice = { text: `Print failed: ${saved.error.message}`, tone: 'error' };
      else if (saved.value.path) editor.notice = { text: `Saved as PDF: ${saved.value.path}`, tone: 'info' };
      return;
    }
    // The browser build: the report in a window of its own (same origin, so the page's CSP holds
    // there too) with the browser's print dialog, which offers Save as PDF. The CSP forbids inline
    // styles, so the report's stylesheet and style attributes are applied through the CSSOM.
    const opened = window.open('', '_blank');
    if (!opened) {
      editor.notice = { text: 'Print: allow pop-ups for this page to print the report.', tone: 'error' };
      return;
    }
    showReport(opened, html);
    opened.focus();
    opened.print();
    editor.notice = { text: `Printing the report of ${editor.plan?.name ?? 'the plan'}`, tone: 'info' };
  }

  /** Electron: the native save dialog. Browser build: a download. Either way the file is named. */
  private async save(
    fileName: string,
    text: string,
    mediaType: string,
    encoding: 'utf8' | 'base64',
  ): Promise<void> {
    const { editor } = this;
    const saved = await api['files.saveText']({ suggestedName: fileName, text, encoding });
    if (saved.ok) {
      if (saved.value.path) {
        editor.notice = { text: `Exported ${saved.value.path}`, tone: 'info' };
        this.exportOpen = false;
      }
      return;
    }
    if (saved.error.code !== 'UNSUPPORTED') {
      editor.notice = { text: `Export failed: ${saved.error.message}`, tone: 'error' };
      return;
    }
    const blob =
      encoding === 'base64'
        ? new Blob([base64ToBytes(text)], { type: mediaType })
        : new Blob([text], { type: mediaType });
    download(fileName, blob);
    editor.notice = { text: `Downloaded ${fileName}`, tone: 'info' };
    this.exportOpen = false;
  }

  // History ----------------------------------------------------------------------------------

  async refreshHistory(): Promise<void> {
    const planId = this.editor.planId;
    if (!planId) return;
    this.historyLoading = true;
    const listed = await api['revisions.list']({ planId });
    this.historyLoading = false;
    if (listed.ok) {
      this.revisions = listed.value;
      this.historyError = null;
    } else this.historyError = listed.error.message;
  }

  async openHistory(): Promise<void> {
    if (!this.editor.planId) return;
    this.historyOpen = true;
    await this.editor.flush();
    await this.refreshHistory();
  }

  private async revision(id: number): Promise<{
    revision: RevisionSummary;
    plan: Plan;
    positions: Record<string, { x: number; y: number }>;
  } | null> {
    const opened = await api['revisions.open']({ revisionId: id });
    if (!opened.ok) {
      this.historyError = opened.error.message;
      return null;
    }
    return opened.value;
  }

  async openRevision(id: number): Promise<void> {
    const opened = await this.revision(id);
    if (!opened) return;
    const { exportTopologySvg } = await import('../../../shared/export/topology-picture');
    this.viewing = {
      revision: opened.revision,
      plan: opened.plan,
      findings: sortFindings(validatePlan(opened.plan)),
      svg: exportTopologySvg(opened.plan).replace(/^<\?xml[^>]*>\n/, ''),
    };
  }

  /** A revision (before) against the open plan (after). */
  async compareWithCurrent(id: number): Promise<void> {
    const { editor } = this;
    if (!editor.plan) return;
    const opened = await this.revision(id);
    if (!opened) return;
    this.show(
      {
        label: revisionLabel(opened.revision),
        plan: opened.plan,
        current: false,
        positions: opened.positions,
      },
      {
        label: 'the open plan',
        plan: editor.plan,
        current: true,
        positions: layoutToRecord(editor.positions),
      },
      editor.findings,
    );
  }

  /** Two revisions: the older one before, the newer after. */
  async compareRevisions(firstId: number, secondId: number): Promise<void> {
    const [older, newer] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
    const a = await this.revision(older);
    const b = await this.revision(newer);
    if (!a || !b) return;
    this.show(
      { label: revisionLabel(a.revision), plan: a.plan, current: false, positions: a.positions },
      { label: revisionLabel(b.revision), plan: b.plan, current: false, positions: b.positions },
    );
  }

  /** A reviewer's copy (a plan file): the open plan before, the copy after. */
  async compareWithFile(file: File): Promise<void> {
    const { parsePlanText, formatPlanError } = await import('./plan-files');
    const parsed = parsePlanText(await file.text(), { today: this.editor.plan?.asOf ?? '1970-01-01' });
    if (!parsed.ok) {
      this.historyError = formatPlanError(file.name, parsed.error);
      return;
    }
    this.compareWithPlan(parsed.plan, file.name, {});
  }

  /** Another plan of the library (a reviewer's copy): the open plan before, it after. */
  async compareWithLibraryPlan(planId: string): Promise<void> {
    const stored = await api['plans.get']({ id: planId });
    if (!stored.ok) {
      this.historyError = stored.error.message;
      return;
    }
    this.compareWithPlan(
      stored.value.plan,
      `library plan “${stored.value.plan.name}”`,
      stored.value.positions,
    );
  }

  private compareWithPlan(
    plan: Plan,
    label: string,
    positions: Record<string, { x: number; y: number }>,
  ): void {
    const { editor } = this;
    if (!editor.plan) return;
    this.show(
      {
        label: 'the open plan',
        plan: editor.plan,
        current: true,
        positions: layoutToRecord(editor.positions),
      },
      { label, plan, current: false, positions },
      undefined,
      editor.findings,
    );
  }

  private show(
    before: ComparedSide,
    after: ComparedSide,
    findingsAfter?: readonly Finding[],
    findingsBefore?: readonly Finding[],
  ): void {
    const diff = diffPlans(before.plan, after.plan, {
      ...(findingsBefore ? { findingsA: findingsBefore } : {}),
      ...(findingsAfter ? { findingsB: findingsAfter } : {}),
    });
    this.comparison = { before, after, diff };
    this.historyOpen = false;
    this.viewing = null;
  }

  closeComparison(): void {
    this.comparison = null;
  }

  /**
   * Restore: the current content is kept as a revision, the revision's plan replaces it as one
   * undoable step, and the restore is recorded as a revision of its own.
   */
  async restore(item: RevisionSummary): Promise<void> {
    const { editor } = this;
    const planId = editor.planId;
    this.confirmRestore = null;
    if (!planId || !editor.plan) return;
    const opened = await this.revision(item.id);
    if (!opened) return;
    await editor.flush();
    const name = item.message || `revision ${item.id}`;
    const kept = await api['revisions.save']({ planId, message: `Before restoring “${name}”` });
    if (!kept.ok) {
      this.historyError = `Not restored: ${kept.error.message}`;
      return;
    }
    // VPCs the open plan had no place for go where the revision had them: in the same undo step.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
    const missing = new Map<string, Point | null>();
    for (const [id, point] of Object.entries(opened.positions))
      if (!editor.positions.has(id)) missing.set(id, point);
    if (
      !editor.apply({
        label: `Restore “${name}”`,
        edit: { kind: 'plan.replace', plan: opened.plan },
        ...(missing.size > 0 ? { layout: { kind: 'layout.set' as const, positions: missing } } : {}),
      })
    )
      return;
    await editor.flush();
    await api['revisions.save']({ planId, message: `Restored “${name}”` });
    editor.notice = { text: `Restored “${name}”. Undo (Ctrl+Z) goes back.`, tone: 'info' };
    this.comparison = null;
    this.viewing = null;
    await this.refreshHistory();
  }

  /** The open plan was replaced (another plan opened): nothing of the old one stays shown. */
  reset(): void {
    this.comparison = null;
    this.viewing = null;
    this.revisions = [];
    this.historyOpen = false;
    this.confirmRestore = null;
  }
}

function mediaTypeOf(format: PlanExportFormat): string {
  switch (format) {
    case 'html':
      return 'text/html';
    case 'md':
      return 'text/markdown';
    case 'csv':
      return 'text/csv';
    case 'api':
    case 'json':
      return 'application/json';
    default:
      return 'text/plain';
  }
}

export function revisionLabel(revision: RevisionSummary): string {
  return revision.message ? `“${revision.message}”` : `revision ${revision.id}`;
}
