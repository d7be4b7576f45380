/**
 * The canvas benchmark's page script (bundled by esbuild, run in Chromium): draws a plan with the
 * editor's own CanvasView and measures the first draw, the frame times of panning and zooming,
 * and (lean mode) zooming in until single peerings are drawn. Three calls, so that the caller can
 * read the renderer's CPU time around the draw alone: loadCanvasBench (the plan and findings
 * cross into the page, untimed), drawCanvasBench, measureCanvasBench.
 */
import { CanvasView, DETAIL_ZOOM } from '../../../renderer/src/lib/canvas-view';
import type { DetailState } from '../../../renderer/src/lib/canvas-view';
import { describePlan } from '../../../renderer/src/lib/canvas-elements';
import { LIGHT } from '../../../renderer/src/lib/canvas-style';
import type { Plan } from '../../../shared/plan/model';
import type { Finding } from '../../../shared/rules/finding';

export interface CanvasDrawResult {
  readonly renderer: string;
  /** Elements in the graph after the first draw (lean: VPCs, backdrops, region bundles). */
  readonly elements: number;
  readonly vpcs: number;
  /** Peerings drawn one by one in the first frame, of all of them. */
  readonly peeringsDrawn: number;
  readonly peerings: number;
  /** Region-to-region bundles standing for the peerings not drawn one by one. */
  readonly bundles: number;
  readonly describeMs: number;
  /** From an empty container to the first frame painted with every VPC and the bundles. */
  readonly drawMs: number;
  /** Of drawMs: adding the elements (styles applied, positions set) and fitting the view. */
  readonly syncMs: number;
}

export interface CanvasFramesResult {
  readonly panFrames: FrameStats;
  readonly zoomFrames: FrameStats;
  /** Lean mode: zooming in on a region until its peerings are drawn one by one. */
  readonly detail: { readonly ms: number; readonly drawn: number } | null;
}

export type CanvasBenchResult = CanvasDrawResult & CanvasFramesResult;

export interface FrameStats {
  readonly frames: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame((t) => resolve(t)));
}

async function measureFrames(step: (i: number) => void, frames: number): Promise<FrameStats> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < frames; i++) {
    step(i);
    const t = await nextFrame();
    deltas.push(t - last);
    last = t;
  }
  deltas.sort((a, b) => a - b);
  return {
    frames,
    medianMs: deltas[deltas.length >> 1]!,
    p95Ms: deltas[Math.floor(deltas.length * 0.95)]!,
    maxMs: deltas[deltas.length - 1]!,
  };
}

let loaded: { plan: Plan; findings: readonly Finding[] } | null = null;
let view: CanvasView | null = null;
let detailState: DetailState | null = null;

function load(plan: Plan, findings: readonly Finding[]): void {
  loaded = { plan, findings };
}

async function draw(webgl: boolean): Promise<CanvasDrawResult> {
  const { plan, findings } = loaded!;
  view?.destroy();
  const container = document.getElementById('canvas')!;
  container.replaceChildren();
  // The editor groups findings by subject as they arrive: part of opening a plan.
  const started = performance.now();
  const bySubject = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const s of f.subjects) {
      const list = bySubject.get(s);
      if (list) list.push(f);
      else bySubject.set(s, [f]);
    }
  }
  const descriptors = describePlan(plan, bySubject, { subnets: false, lean: true });
  const describeMs = performance.now() - started;
  const created = new CanvasView(
    container,
    { palette: LIGHT, large: true, webgl },
    { onTap: () => {}, onMoved: () => {}, onDetail: (state) => (detailState = state) },
  );
  view = created;
  // No stored positions: the view lays the plan out on its grid per region, as in the editor.
  const syncStarted = performance.now();
  created.sync(descriptors, new Map());
  created.fit();
  const syncMs = performance.now() - syncStarted;
  await nextFrame();
  await nextFrame();
  const drawMs = performance.now() - started;
  return {
    renderer: webgl ? 'webgl' : 'canvas',
    elements: created.cy.elements().length,
    vpcs: created.cy.nodes('.vpc').length,
    peeringsDrawn: detailState?.drawn ?? 0,
    peerings: detailState?.total ?? 0,
    bundles: detailState?.bundles ?? 0,
    describeMs,
    syncMs,
    drawMs,
  };
}

async function measure(
  /** Leaves the canvas on the page, zoomed in (for a screenshot). */
  keep = false,
): Promise<CanvasFramesResult> {
  const current = view!;
  const cy = current.cy;
  const panFrames = await measureFrames(
    (i) => cy.panBy({ x: i % 40 < 20 ? 25 : -25, y: 10 * Math.sin(i / 5) }),
    60,
  );
  const base = cy.zoom();
  const zoomFrames = await measureFrames((i) => {
    const factor = 1 + 0.6 * Math.sin(i / 12);
    cy.zoom({ level: base * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }, 60);
  let detail: CanvasFramesResult['detail'] = null;
  const first = cy.nodes('.backdrop').first();
  if (first.nonempty()) {
    // Zoom in on the first region; the editor waits for the view to rest (120 ms) before this.
    const started = performance.now();
    cy.zoom({ level: DETAIL_ZOOM * 1.2, position: first.position() });
    cy.center(first);
    current.updateDetail();
    await nextFrame();
    await nextFrame();
    detail = { ms: performance.now() - started, drawn: detailState?.drawn ?? 0 };
  }
  if (!keep) {
    current.destroy();
    view = null;
  }
  return { panFrames, zoomFrames, detail };
}

Object.assign(window, { loadCanvasBench: load, drawCanvasBench: draw, measureCanvasBench: measure });
