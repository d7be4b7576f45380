/**
 * Importing a traffic CSV into the open plan: the file is read and checked in a Web Worker
 * (traffic-import.worker.ts) while the window stays responsive; the samples join the plan as
 * one undoable step only when the whole file is good. An error names the line and imports
 * nothing; Cancel stops the worker and leaves the plan as it was.
 */
import type { TrafficSample } from '../../../shared/plan/model';
import { importTraffic } from '../../../shared/edit/cost-edits';
import { rememberInstants } from '../../../shared/cost/instants';
import type { EditorState } from './editor.svelte';
import type { TrafficImportMessage, TrafficImportRequest } from './traffic-import-protocol';

/** A bigger file is refused before reading: a month of 5-minute samples of 1,000 peerings is about 700 MB. */
export const MAX_TRAFFIC_FILE_BYTES = 1024 * 1024 * 1024;

export type TrafficImportState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'reading';
      readonly file: string;
      readonly bytes: number;
      readonly total: number;
      readonly lines: number;
    }
  | { readonly kind: 'error'; readonly file: string; readonly line: number; readonly message: string }
  | { readonly kind: 'cancelled'; readonly file: string }
  /** Read and checked: the samples are being added to the plan (one step). */
  | { readonly kind: 'applying'; readonly file: string; readonly count: number }
  | { readonly kind: 'done'; readonly file: string; readonly count: number; readonly label: string };

export class TrafficImport {
  state = $state.raw<TrafficImportState>({ kind: 'idle' });
  private worker: Worker | null = null;

  constructor(private readonly editor: EditorState) {}

  get busy(): boolean {
    return this.state.kind === 'reading' || this.state.kind === 'applying';
  }

  start(file: File): void {
    this.stop();
    const plan = this.editor.plan;
    const planId = this.editor.planId;
    if (!plan || !planId) return;
    if (file.size > MAX_TRAFFIC_FILE_BYTES) {
      this.state = {
        kind: 'error',
        file: file.name,
        line: 0,
        message: `the file is ${Math.round(file.size / 1048576)} MB; at most ${MAX_TRAFFIC_FILE_BYTES / 1048576} MB can be imported at once`,
      };
      return;
    }
    // Vite bundles the worker from this exact form (`new URL(…, import.meta.url)`).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const worker = new Worker(new URL('./traffic-import.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const batches: TrafficSample[][] = [];
    const instantBatches: Float64Array[] = [];
    this.state = { kind: 'reading', file: file.name, bytes: 0, total: file.size, lines: 0 };
    worker.onmessage = (event: MessageEvent<TrafficImportMessage>) => {
      if (this.worker !== worker) return;
      const message = event.data;
      switch (message.kind) {
        case 'progress':
          this.state = {
            kind: 'reading',
            file: file.name,
            bytes: message.bytes,
            total: message.total,
            lines: message.lines,
          };
          break;
        case 'samples':
          batches.push(message.samples);
          instantBatches.push(message.instants);
          break;
        case 'error':
          this.stop();
          this.state = { kind: 'error', file: file.name, line: message.line, message: message.message };
          break;
        case 'done': {
          this.stop();
          // The plan may have been closed or another one opened meanwhile: import into none.
          if (this.editor.planId !== planId || !this.editor.plan) {
            this.state = { kind: 'cancelled', file: file.name };
            return;
          }
          const samples = batches.length === 1 ? batches[0]! : batches.flat();
          // The worker read every time already: the views and rules do not read them again.
          const instants = new Float64Array(samples.length);
          let at = 0;
          for (const batch of instantBatches) {
            instants.set(batch, at);
            at += batch.length;
          }
          rememberInstants(samples, instants);
          // Say so and let that paint before the plan takes the samples (validating a million
          // samples is the one long step left on the UI thread).
          this.state = { kind: 'applying', file: file.name, count: samples.length };
          requestAnimationFrame(() =>
            setTimeout(() => {
              if (this.editor.planId !== planId || !this.editor.plan) {
                this.state = { kind: 'cancelled', file: file.name };
                return;
              }
              const step = importTraffic(this.editor.plan, samples, file.name);
              this.editor.apply(step);
              this.state = { kind: 'done', file: file.name, count: samples.length, label: step.label };
            }, 0),
          );
          break;
        }
      }
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      this.stop();
      this.state = {
        kind: 'error',
        file: file.name,
        line: 0,
        message: event.message || 'the import worker failed',
      };
    };
    const request: TrafficImportRequest = { file, peerings: plan.peerings.map((peering) => peering.id) };
    worker.postMessage(request);
  }

  /** Stops a running import; nothing it read is kept. */
  cancel(): void {
    if (this.state.kind !== 'reading') return;
    const file = this.state.file;
    this.stop();
    this.state = { kind: 'cancelled', file };
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

const imports = new WeakMap<EditorState, TrafficImport>();

/** One import per editor, kept while the Traffic tab is hidden (an import goes on in the background). */
export function trafficImportOf(editor: EditorState): TrafficImport {
  let running = imports.get(editor);
  if (!running) imports.set(editor, (running = new TrafficImport(editor)));
  return running;
}
