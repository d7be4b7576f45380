/**
 * The canvas benchmark's page script (bundled by esbuild, run in Chromium): draws a plan with the
 * editor's own CanvasView and measures the first draw and the frame times of panning and zooming.
 */
import { CanvasView } from '../../../renderer/src/lib/canvas-view';
import { describePlan } from '../../../renderer/src/lib/canvas-elements';
import { LIGHT } from '../../../renderer/src/lib/canvas-style';
import type { Plan } from '../../../shared/plan/model';
import type { Finding } from '../../../shared/rules/finding';

export interface CanvasBenchResult {
  readonly elements: number;
  readonly describeMs: number;
  /** From an empty container to the first frame painted with every element. */
  readonly drawMs: number;
  /** Of drawMs: adding the elements (styles applied, positions set) and fitting the view. */
  readonly syncMs: number;
  readonly panFrames: FrameStats;
  readonly zoomFrames: FrameStats;
  readonly renderer: string;
}

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

async function run(
  plan: Plan,
  findings: readonly Finding[],
  webgl: boolean,
  /** Leaves the canvas on the page (for a screenshot). */
  keep = false,
): Promise<CanvasBenchResult> {
  const bySubject = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const s of f.subjects) {
      const list = bySubject.get(s);
      if (list) list.push(f);
      else bySubject.set(s, [f]);
    }
  }
  const container = document.getElementById('canvas')!;
  container.replaceChildren();
  const started = performance.now();
  const descriptors = describePlan(plan, bySubject, { subnets: false, lean: true });
  const describeMs = performance.now() - started;
  const view = new CanvasView(
    container,
    { palette: LIGHT, large: true, webgl },
    { onTap: () => {}, onMoved: () => {} },
  );
  // No stored positions: the view lays the plan out on its grid per region, as in the editor.
  const syncStarted = performance.now();
  view.sync(descriptors, {});
  view.fit();
  const syncMs = performance.now() - syncStarted;
  await nextFrame();
  await nextFrame();
  const drawMs = performance.now() - started;
  const cy = view.cy;
  const panFrames = await measureFrames(
    (i) => cy.panBy({ x: i % 40 < 20 ? 25 : -25, y: 10 * Math.sin(i / 5) }),
    60,
  );
  const base = cy.zoom();
  const zoomFrames = await measureFrames((i) => {
    const factor = 1 + 0.6 * Math.sin(i / 12);
    cy.zoom({ level: base * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }, 60);
  const renderer = webgl ? 'webgl' : 'canvas';
  if (keep) {
    view.fit();
    (window as unknown as { benchCanvas: unknown }).benchCanvas = view.cy;
  } else view.destroy();
  return { elements: descriptors.length, describeMs, syncMs, drawMs, panFrames, zoomFrames, renderer };
}

(window as unknown as { runCanvasBench: typeof run }).runCanvasBench = run;
