// The ambient declaration must reach every program that compiles this file (renderer, tests).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./cytoscape-fcose.d.ts" />
/**
 * The Cytoscape side of the canvas, kept out of the component so the benchmark page can drive
 * the very same code. It draws element descriptors (diffing by signature, so an edit touches
 * only the elements that changed) and reports gestures through callbacks; it never decides
 * anything about the plan.
 */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { ElementDescriptor } from './canvas-elements';
import { BUNDLE_PREFIX, isHub, LEAN_VPC_HEIGHT, leanOverview, REGION_PREFIX } from './canvas-elements';
import { canvasStyle, VPC_WIDTH } from './canvas-style';
import type { CanvasPalette } from './canvas-style';
import type { Layout, Point } from '../../../shared/edit/layout';

let fcoseReady: Promise<void> | null = null;
/** fcose (and its layout bases) load with the first Auto layout of a plan that is not lean: their own chunk. */
function loadFcose(): Promise<void> {
  fcoseReady ??= import('cytoscape-fcose').then(({ default: fcose }) => {
    cytoscape.use(fcose);
  });
  return fcoseReady;
}

/** Positions by VPC id (a Map: ids come from plan files). */
export type Positions = Map<string, Point>;

export interface CanvasCallbacks {
  /** A plan object was clicked (a VPC or a peering), or the background (null). */
  onTap(id: string | null): void;
  /** Nodes were dragged to new positions (VPC ids only). */
  onMoved(positions: Positions): void;
  /** Lean mode: what the canvas draws of the peerings changed (zoomed in or out, panned). */
  onDetail?(state: DetailState): void;
  /** The view moved (pan or zoom), at most once a frame: the minimap follows. */
  onViewport?(): void;
}

/**
 * Lean mode draws the peerings between two regions as one bundle at overview zoom, and each
 * peering of the VPCs in view once zoomed in to DETAIL_ZOOM or closer.
 */
export interface DetailState {
  /** Zoomed in: single peerings are drawn (those of the VPCs in view), bundles are hidden. */
  readonly detail: boolean;
  /** Peering edges drawn (the selected ones are drawn at any zoom). */
  readonly drawn: number;
  /** Peerings in the plan. */
  readonly total: number;
  /** Region-to-region bundles. */
  readonly bundles: number;
}

/** A plan object the open plan does not have, drawn faintly while two plans are compared. */
export interface DiffGhost {
  readonly id: string;
  readonly group: 'vpc' | 'peering';
  readonly label: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly position?: { readonly x: number; readonly y: number };
  readonly source?: string;
  readonly target?: string;
}

/** Canvas ids of ghosts: never a plan id, so a ghost cannot meet the object if it comes back. */
export const GHOST_PREFIX = 'ghost:';

/** Lean mode: the zoom from which each peering is drawn (a VPC node is then 60 px wide or more). */
export const DETAIL_ZOOM = 0.3;
/**
 * Lean mode: the zoom from which VPC labels are drawn, for the VPCs in view. Below it they would
 * be too small to read, and measuring thousands of labels is a good part of the first draw.
 */
export const LABEL_ZOOM = 0.45;
/** Lean mode: how long the view must rest before the peerings in view are drawn. */
const DETAIL_DELAY_MS = 120;

export interface CanvasOptions {
  readonly palette: CanvasPalette;
  /**
   * Lean mode for big plans (see LEAN_PLAN_VPCS): the descriptors must come from
   * `describePlan(..., { lean: true })`. Regions are backdrops, and Cytoscape's performance options are on.
   */
  readonly large?: boolean;
  /** Cytoscape's WebGL renderer (3.31+), for very large plans. */
  readonly webgl?: boolean;
}

/** What a zoom key or button multiplies the zoom by. */
export const ZOOM_STEP = 1.75;

export { LARGE_PLAN_ELEMENTS } from './canvas-elements';

/** Grid spacing of the lean layout: a VPC node is VPC_WIDTH by LEAN_VPC_HEIGHT. */
const GRID_STEP_X = VPC_WIDTH + 50;
const GRID_STEP_Y = LEAN_VPC_HEIGHT + 70;
const REGION_GAP = 600;
const BACKDROP_PADDING = 40;
/** A new CCN hub's distance above the topmost VPC (clear of the region's padding and label). */
const HUB_GAP = 150;
/** Hubs placed side by side are this far apart. */
const HUB_SPACING = 170;
/** What the canvas moves, lays out and navigates: VPCs and CCN hubs. */
const MOVABLE = '.vpc, .ccn';

/**
 * Positions on a grid per region, regions in rows left to right (in the order given), the
 * first one's top left corner at `origin`. Linear in the VPCs: what a plan of thousands gets instead of
 * a force-directed layout.
 */
export function regionGridPositions(
  vpcs: readonly { readonly id: string; readonly region: string }[],
  origin: { x: number; y: number } = { x: 0, y: 0 },
): Positions {
  const byRegion = new Map<string, string[]>();
  for (const vpc of vpcs) {
    const list = byRegion.get(vpc.region);
    if (list) list.push(vpc.id);
    else byRegion.set(vpc.region, [vpc.id]);
  }
  const positions: Positions = new Map();
  // Regions wrap into rows (about as many rows as columns), so the whole plan fits a screen.
  const regionsPerRow = Math.max(1, Math.ceil(Math.sqrt(byRegion.size)));
  let offsetX = origin.x;
  let offsetY = origin.y;
  let rowHeight = 0;
  let inRow = 0;
  for (const ids of byRegion.values()) {
    if (inRow === regionsPerRow) {
      offsetX = origin.x;
      offsetY += rowHeight + REGION_GAP;
      rowHeight = 0;
      inRow = 0;
    }
    const columns = Math.ceil(Math.sqrt(ids.length * 1.6));
    ids.forEach((id, index) => {
      positions.set(id, {
        x: offsetX + (index % columns) * GRID_STEP_X,
        y: offsetY + Math.floor(index / columns) * GRID_STEP_Y,
      });
    });
    rowHeight = Math.max(rowHeight, Math.floor((ids.length - 1) / columns) * GRID_STEP_Y + LEAN_VPC_HEIGHT);
    offsetX += (columns - 1) * GRID_STEP_X + VPC_WIDTH + REGION_GAP;
    inRow++;
  }
  return positions;
}

export class CanvasView {
  readonly cy: Core;
  private signatures = new Map<string, string>();
  private readonly large: boolean;
  /** Regions are backdrop nodes sized from their VPCs, not compound parents. */
  private readonly lean: boolean;
  private readonly callbacks: CanvasCallbacks;
  /** Lean mode: every peering edge, drawn or not, by id. */
  private peerings = new Map<string, ElementDescriptor>();
  /** Lean mode: the peering edges in the graph, with the signature they were drawn with. */
  private readonly drawnPeerings = new Map<string, string>();
  /** Lean mode: the selected peerings, drawn at any zoom. */
  private pinned: ReadonlySet<string> = new Set();
  /** The selected ids, and the neighbourhood put forward (null: nothing selected, nothing dims). */
  private selectedIds: ReadonlySet<string> = new Set();
  private focus: { readonly vpcs: ReadonlySet<string>; readonly peerings: ReadonlySet<string> } | null = null;
  private bundlesHidden = false;
  /** Bundles were added since updateDetail last showed or hid them. */
  private bundlesAdded = false;
  /** Lean mode: the VPCs whose label is drawn (those in view, once zoomed in to LABEL_ZOOM). */
  private readonly labelled = new Set<string>();
  private detailTimer: ReturnType<typeof setTimeout> | null = null;
  /** The elements of the last frame(), to frame again if the canvas resizes while it animates. */
  private framing: readonly string[] | null = null;
  /** Elements to frame once the next sync has drawn them. */
  private pendingFrame: readonly string[] | null = null;

  constructor(container: HTMLElement, options: CanvasOptions, callbacks: CanvasCallbacks) {
    const large = options.large ?? false;
    this.large = large;
    this.lean = large;
    this.callbacks = callbacks;
    const config: cytoscape.CytoscapeOptions = {
      container,
      style: canvasStyle(options.palette, options.large ?? false),
      minZoom: 0.005,
      maxZoom: 3,
      // Cytoscape's own step: a wheel notch zooms by about 2.5×, so a few notches go from the
      // whole plan to readable labels (at 0.3 it took dozens on a plan of thousands).
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Big plans: draw a cached texture while panning and zooming, hide edges meanwhile.
      hideEdgesOnViewport: large,
      textureOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      motionBlur: false,
    };
    // The renderer option is newer than the type definitions.
    if (options.webgl) Object.assign(config, { renderer: { name: 'canvas', webgl: true } });
    this.cy = cytoscape(config);
    this.cy.on('tap', (event) => {
      const target = event.target as Core | NodeSingular;
      if (target === this.cy) {
        callbacks.onTap(null);
        return;
      }
      const id = (target as NodeSingular).id();
      callbacks.onTap(
        id.startsWith(REGION_PREFIX) || id.startsWith(BUNDLE_PREFIX) || id.startsWith(GHOST_PREFIX)
          ? null
          : id,
      );
    });
    if (this.lean) this.cy.on('viewport', () => this.scheduleDetail());
    let viewportFrame = 0;
    this.cy.on('viewport', () => {
      if (viewportFrame !== 0 || !callbacks.onViewport) return;
      viewportFrame = requestAnimationFrame(() => {
        viewportFrame = 0;
        callbacks.onViewport?.();
      });
    });
    this.cy.on('dragfree', 'node', (event) => {
      const node = event.target as NodeSingular;
      const moved: Positions = new Map();
      const vpcs = node.isParent() ? node.children() : node;
      vpcs.forEach((vpc) => {
        const { x, y } = vpc.position();
        moved.set(vpc.id(), { x: Math.round(x), y: Math.round(y) });
      });
      if (this.lean) this.updateBackdrops();
      callbacks.onMoved(moved);
    });
  }

  /** Read-only (a previewed plan): nothing can be dragged. */
  setReadOnly(readOnly: boolean): void {
    this.cy.autoungrabify(readOnly);
  }

  setPalette(palette: CanvasPalette): void {
    this.cy.style(canvasStyle(palette, this.large));
  }

  /**
   * Brings the graph in line with the descriptors: adds, removes and updates only what changed.
   * New VPCs go to their stored position, or next to their region's other VPCs; returns the
   * positions it had to invent, so the caller can store them.
   */
  sync(all: readonly ElementDescriptor[], positions: Layout): Positions {
    const cy = this.cy;
    const invented: Positions = new Map();
    let descriptors = all;
    // A fresh view is at zoom 1 until the caller fits it: what to draw of the peerings waits.
    const firstDraw = this.signatures.size === 0;
    if (this.lean) {
      // Peerings are drawn by updateDetail; the graph holds the overview.
      const lean = leanOverview(all);
      this.peerings = new Map(lean.peerings.map((d) => [d.data.id, d]));
      descriptors = lean.overview;
    }
    const wanted = new Map<string, ElementDescriptor>();
    for (const d of descriptors) wanted.set(d.data.id, d);
    cy.batch(() => {
      // Removals first (edges before nodes happen implicitly with the nodes).
      for (const id of [...this.signatures.keys()]) {
        if (!wanted.has(id)) {
          cy.getElementById(id).remove();
          this.signatures.delete(id);
          this.labelled.delete(id);
        }
      }
      const additions: ElementDefinition[] = [];
      const nodesToAdd: ElementDescriptor[] = [];
      const edgesToAdd: ElementDescriptor[] = [];
      for (const d of descriptors) {
        const previous = this.signatures.get(d.data.id);
        if (previous === d.signature) continue;
        const existing = previous === undefined ? null : cy.getElementById(d.data.id);
        if (existing && existing.nonempty()) {
          // A VPC moved to another region, or a peering to other ends: re-create it.
          const moved =
            (d.group === 'nodes' &&
              d.data.parent !== undefined &&
              existing.data('parent') !== d.data.parent) ||
            (d.group === 'edges' &&
              (existing.data('source') !== d.data.source || existing.data('target') !== d.data.target));
          if (moved) {
            if (d.group === 'nodes') existing.move({ parent: d.data.parent ?? null });
            else existing.move({ source: d.data.source!, target: d.data.target! });
          }
          existing.data(d.data);
          existing.classes(this.labelled.has(d.data.id) ? `${d.classes} labelled` : d.classes);
          this.signatures.set(d.data.id, d.signature);
          continue;
        }
        if (d.group === 'nodes') nodesToAdd.push(d);
        else edgesToAdd.push(d);
      }
      // Regions before VPCs (a child needs its parent), hubs last (placed by their members), nodes before edges.
      const order = (d: ElementDescriptor): number => (isHub(d) ? 2 : isVpc(d) ? 1 : 0);
      nodesToAdd.sort((a, b) => order(a) - order(b));
      // Many VPCs without a position (a big plan opened for the first time): a grid per region,
      // computed in one pass, to the right of whatever is drawn already.
      const unplaced = nodesToAdd.filter((d) => isVpc(d) && !positions.has(d.data.id));
      if (this.lean && unplaced.length > 20) {
        const drawn = cy.nodes('.vpc');
        const box = drawn.nonempty() ? drawn.boundingBox({ includeLabels: false }) : null;
        const grid = regionGridPositions(
          unplaced.map((d) => ({ id: d.data.id, region: d.data.region ?? '' })),
          box ? { x: Math.round(box.x2 + REGION_GAP), y: Math.round(box.y1) } : { x: 0, y: 0 },
        );
        for (const [id, p] of grid) invented.set(id, p);
      }
      for (const d of nodesToAdd) {
        const definition: ElementDefinition = { group: 'nodes', data: { ...d.data }, classes: d.classes };
        const region = d.data.parent ?? d.data.region;
        if (isHub(d)) {
          // A CCN hub: outside every region, at its stored position or above its members.
          const position =
            positions.get(d.data.id) ?? this.placeHub(d.data.id, descriptors, positions, invented);
          if (!positions.has(d.data.id)) invented.set(d.data.id, position);
          definition.position = { ...position };
        } else if (region !== undefined) {
          const position =
            positions.get(d.data.id) ?? invented.get(d.data.id) ?? this.placeNear(region, invented);
          if (!positions.has(d.data.id)) invented.set(d.data.id, position);
          definition.position = { ...position };
        } else if (this.lean) {
          // A region backdrop: placed and sized by updateBackdrops, never dragged or selected.
          definition.data = { ...d.data, width: 1, height: 1, fontSize: 13 };
          definition.grabbable = false;
          definition.selectable = false;
          definition.locked = true;
        }
        additions.push(definition);
        this.signatures.set(d.data.id, d.signature);
      }
      for (const d of edgesToAdd) {
        // A bundle is sized by updateBackdrops, like the backdrops it joins.
        const bundle = d.data.id.startsWith(BUNDLE_PREFIX);
        if (bundle) this.bundlesAdded = true;
        const data = bundle ? { ...d.data, width: 1, fontSize: 13 } : { ...d.data };
        additions.push({ group: 'edges', data, classes: d.classes });
        this.signatures.set(d.data.id, d.signature);
      }
      if (additions.length > 0) cy.add(additions);
      if (this.lean) {
        this.updateBackdrops();
        if (firstDraw) this.scheduleDetail();
        else this.updateDetail();
      }
    });
    // A frame asked for before its elements were drawn (a peering just created): frame it now.
    const pending = this.pendingFrame;
    this.pendingFrame = null;
    if (pending) this.frame(pending);
    return invented;
  }

  private scheduleDetail(): void {
    if (this.detailTimer !== null) clearTimeout(this.detailTimer);
    this.detailTimer = setTimeout(() => {
      this.detailTimer = null;
      this.updateDetail();
    }, DETAIL_DELAY_MS);
  }

  /**
   * Lean mode: below DETAIL_ZOOM the region bundles and the selected peerings; from there on
   * the peerings with an end in (or near) the view instead of the bundles. Bounded by what the
   * view holds, so zooming in on a plan of thousands adds a few hundred edges, not thousands.
   */
  updateDetail(): void {
    if (!this.lean) return;
    const cy = this.cy;
    const detail = cy.zoom() >= DETAIL_ZOOM;
    const wanted = new Set<string>();
    for (const id of this.pinned) if (this.peerings.has(id)) wanted.add(id);
    if (detail) {
      const view = cy.extent();
      const marginX = view.w / 4;
      const marginY = view.h / 4;
      const inView = new Map<string, boolean>();
      const visible = (id: string): boolean => {
        let seen = inView.get(id);
        if (seen === undefined) {
          const node = cy.getElementById(id);
          const p = node.nonempty() ? node.position() : null;
          seen =
            p !== null &&
            p.x >= view.x1 - marginX &&
            p.x <= view.x2 + marginX &&
            p.y >= view.y1 - marginY &&
            p.y <= view.y2 + marginY;
          inView.set(id, seen);
        }
        return seen;
      };
      for (const [id, d] of this.peerings)
        if (visible(d.data.source ?? '') || visible(d.data.target ?? '')) wanted.add(id);
    }
    // VPC labels, for the VPCs in view once they can be read.
    const labelled = new Set<string>();
    if (cy.zoom() >= LABEL_ZOOM) {
      const view = cy.extent();
      const marginX = view.w / 4 + VPC_WIDTH;
      const marginY = view.h / 4 + LEAN_VPC_HEIGHT;
      cy.nodes('.vpc').forEach((node) => {
        const { x, y } = node.position();
        if (
          x >= view.x1 - marginX &&
          x <= view.x2 + marginX &&
          y >= view.y1 - marginY &&
          y <= view.y2 + marginY
        )
          labelled.add(node.id());
      });
    }
    let bundles = 0;
    cy.batch(() => {
      for (const id of this.labelled)
        if (!labelled.has(id)) {
          cy.getElementById(id).removeClass('labelled');
          this.labelled.delete(id);
        }
      for (const id of labelled)
        if (!this.labelled.has(id)) {
          cy.getElementById(id).addClass('labelled');
          this.labelled.add(id);
        }
      const all = cy.edges('.bundle');
      bundles = all.length;
      // Bundles stand for the peerings not drawn one by one: hidden once those are drawn.
      if (detail && (!this.bundlesHidden || this.bundlesAdded)) all.style('display', 'none');
      else if (!detail && this.bundlesHidden) all.removeStyle('display');
      this.bundlesHidden = detail;
      this.bundlesAdded = false;
      for (const [id, signature] of this.drawnPeerings) {
        const d = this.peerings.get(id);
        if (wanted.has(id) && d?.signature === signature && cy.getElementById(id).nonempty()) continue;
        cy.getElementById(id).remove();
        this.drawnPeerings.delete(id);
      }
      const additions: ElementDefinition[] = [];
      for (const id of wanted) {
        if (this.drawnPeerings.has(id)) continue;
        const d = this.peerings.get(id)!;
        additions.push({
          group: 'edges',
          data: { ...d.data },
          classes: d.classes,
          selected: this.selectedIds.has(id),
        });
        this.drawnPeerings.set(id, d.signature);
      }
      if (additions.length > 0) {
        cy.add(additions);
        if (this.focus) this.applyFocus();
      }
    });
    this.callbacks.onDetail?.({ detail, drawn: this.drawnPeerings.size, total: this.peerings.size, bundles });
  }

  /** Lean mode: each region's backdrop covers its VPCs (positions and fixed sizes only). */
  private updateBackdrops(): void {
    const cy = this.cy;
    const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
    cy.nodes('.vpc').forEach((node) => {
      const region = node.data('region') as string | undefined;
      if (region === undefined) return;
      const { x, y } = node.position();
      const halfW = VPC_WIDTH / 2 + BACKDROP_PADDING;
      const halfH = LEAN_VPC_HEIGHT / 2 + BACKDROP_PADDING;
      const box = bounds.get(region);
      if (!box) bounds.set(region, { x1: x - halfW, y1: y - halfH, x2: x + halfW, y2: y + halfH });
      else {
        box.x1 = Math.min(box.x1, x - halfW);
        box.y1 = Math.min(box.y1, y - halfH);
        box.x2 = Math.max(box.x2, x + halfW);
        box.y2 = Math.max(box.y2, y + halfH);
      }
    });
    let largestFont = 13;
    cy.nodes('.backdrop').forEach((backdrop) => {
      const box = bounds.get(backdrop.id());
      if (!box) {
        backdrop.style('display', 'none');
        return;
      }
      const width = Math.round(box.x2 - box.x1);
      const height = Math.round(box.y2 - box.y1);
      // The label stays legible when the whole plan is in view: it grows with the region.
      const fontSize = Math.max(13, Math.round(width / 30));
      backdrop.removeStyle('display');
      backdrop.unlock();
      backdrop.position({ x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 });
      backdrop.lock();
      if (
        backdrop.data('width') !== width ||
        backdrop.data('height') !== height ||
        backdrop.data('fontSize') !== fontSize
      )
        backdrop.data({ width, height, fontSize });
      largestFont = Math.max(largestFont, fontSize);
    });
    // Bundles are read at the zoom that shows the whole plan: sized like the backdrop labels.
    const unit = largestFont / 13;
    cy.edges('.bundle').forEach((bundle) => {
      const count = (bundle.data('count') as number | undefined) ?? 1;
      const width = Math.round(unit * Math.min(10, 1.5 + Math.log2(count)));
      // Hidden (under the minimum zoomed font size) until zoomed in a little past the whole plan.
      const fontSize = Math.round(unit * 6);
      if (bundle.data('width') !== width || bundle.data('fontSize') !== fontSize)
        bundle.data({ width, fontSize });
    });
  }

  /**
   * Where a CCN hub without a position goes: above every region (so never inside a region's
   * box), centred over its members, moved right past any other hub already on that row.
   */
  private placeHub(
    hubId: string,
    descriptors: readonly ElementDescriptor[],
    positions: Layout,
    invented: Positions,
  ): { x: number; y: number } {
    const cy = this.cy;
    const at = (id: string): Point | null => {
      const known = positions.get(id) ?? invented.get(id);
      if (known) return known;
      const node = cy.getElementById(id);
      return node.nonempty() ? node.position() : null;
    };
    let top = Infinity;
    let left = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    let sumX = 0;
    let sumY = 0;
    let count = 0;
    let allX = 0;
    let allY = 0;
    let all = 0;
    const members = new Set<string>();
    for (const d of descriptors)
      if (d.group === 'edges' && d.data.source === hubId) members.add(d.data.target ?? '');
    for (const d of descriptors) {
      if (!isVpc(d)) continue;
      const p = at(d.data.id);
      if (!p) continue;
      const half = (d.data.height ?? LEAN_VPC_HEIGHT) / 2;
      top = Math.min(top, p.y - half);
      bottom = Math.max(bottom, p.y + half);
      left = Math.min(left, p.x - VPC_WIDTH / 2);
      right = Math.max(right, p.x + VPC_WIDTH / 2);
      allX += p.x;
      allY += p.y;
      all++;
      if (members.has(d.data.id)) {
        sumX += p.x;
        sumY += p.y;
        count++;
      }
    }
    if (all === 0) return { x: 0, y: 0 };
    // Beside the long side of the drawing, clear of the region boxes (their padding and label), in
    // line with its members: above a wide drawing, left of a tall one (where edges to members
    // stacked one under the other would cross the upper ones).
    const tall = bottom - top > right - left;
    let x = tall
      ? Math.round(left - HUB_GAP - VPC_WIDTH / 2)
      : Math.round(count > 0 ? sumX / count : allX / all);
    let y = tall ? Math.round(count > 0 ? sumY / count : allY / all) : Math.round(top - HUB_GAP);
    const taken: Point[] = [];
    cy.nodes('.ccn').forEach((node) => {
      if (node.id() !== hubId) taken.push(node.position());
    });
    for (const d of descriptors) {
      const p =
        isHub(d) && d.data.id !== hubId ? (positions.get(d.data.id) ?? invented.get(d.data.id)) : undefined;
      if (p) taken.push(p);
    }
    while (taken.some((p) => Math.abs(p.x - x) < HUB_SPACING && Math.abs(p.y - y) < HUB_SPACING)) {
      if (tall) y += HUB_SPACING;
      else x += HUB_SPACING;
    }
    return { x, y };
  }

  /** A free spot below the region's lowest VPC, or in the middle of the view. */
  private placeNear(regionId: string, invented: Positions): { x: number; y: number } {
    const cy = this.cy;
    const region = cy.getElementById(regionId);
    const siblings = this.lean
      ? cy.nodes('.vpc').filter((node) => node.data('region') === regionId)
      : region.nonempty()
        ? region.children()
        : cy.collection();
    const inventedHere = [...invented.values()];
    if (siblings.nonempty() || inventedHere.length > 0) {
      let maxY = -Infinity;
      let x = 0;
      siblings.forEach((node) => {
        const bottom = node.position().y + node.height() / 2;
        if (bottom > maxY) {
          maxY = bottom;
          x = node.position().x;
        }
      });
      for (const p of inventedHere) {
        if (p.y + 60 > maxY) {
          maxY = p.y + 60;
          x = p.x;
        }
      }
      return { x: Math.round(x), y: Math.round(maxY + 90) };
    }
    // A new region: to the right of everything.
    const box = cy.elements().boundingBox();
    const extent = cy.elements().nonempty()
      ? { x: box.x2 + VPC_WIDTH + 200, y: box.y1 + 80 }
      : { x: 0, y: 0 };
    return { x: Math.round(extent.x), y: Math.round(extent.y) };
  }

  /**
   * Selects elements, and puts the selection's neighbourhood forward: the selected VPCs' peerings
   * (drawn at any zoom in lean mode) and the VPCs at their other ends stay bright, the rest dims.
   */
  setSelection(ids: readonly string[]): void {
    const cy = this.cy;
    // A selected hub puts its members forward as a selected VPC its peers.
    const selectedVpcs = new Set(
      ids.filter((id) => {
        const element = cy.getElementById(id);
        return element.hasClass('vpc') || element.hasClass('ccn');
      }),
    );
    const focusPeerings = new Set<string>();
    const focusVpcs = new Set(selectedVpcs);
    const consider = (id: string, source: string, target: string): void => {
      if (!ids.includes(id) && !selectedVpcs.has(source) && !selectedVpcs.has(target)) return;
      focusPeerings.add(id);
      focusVpcs.add(source);
      focusVpcs.add(target);
    };
    if (this.lean)
      for (const [id, d] of this.peerings) consider(id, d.data.source ?? '', d.data.target ?? '');
    else
      cy.edges('.peering, .ccn-attachment').forEach((edge) =>
        consider(edge.id(), edge.source().id(), edge.target().id()),
      );

    this.selectedIds = new Set(ids);
    this.focus =
      focusPeerings.size > 0 || selectedVpcs.size > 0 ? { vpcs: focusVpcs, peerings: focusPeerings } : null;
    if (this.lean) {
      const pinned = focusPeerings;
      const changed = pinned.size !== this.pinned.size || [...pinned].some((id) => !this.pinned.has(id));
      this.pinned = pinned;
      if (changed) this.updateDetail();
    }
    cy.batch(() => {
      cy.$(':selected').unselect();
      for (const id of ids) cy.getElementById(id).select();
      this.applyFocus();
    });
  }

  /** The neighbourhood classes on everything drawn (after a selection, or new edges drawn). */
  private applyFocus(): void {
    const focus = this.focus;
    this.cy.nodes(MOVABLE).forEach((node) => {
      const near = focus !== null && focus.vpcs.has(node.id());
      const faded = focus !== null && !near;
      if (node.hasClass('faded') !== faded) node.toggleClass('faded', faded);
      if (node.hasClass('neighbourhood') !== near) node.toggleClass('neighbourhood', near);
    });
    this.cy.edges().forEach((edge) => {
      const near = focus !== null && focus.peerings.has(edge.id());
      const faded = focus !== null && !near;
      if (edge.hasClass('faded') !== faded) edge.toggleClass('faded', faded);
      if (edge.hasClass('neighbourhood') !== near) edge.toggleClass('neighbourhood', near);
    });
  }

  /**
   * Moves the drawn VPCs to the document's positions where they differ (an undone move or
   * layout). VPCs without a position stay where they are.
   */
  place(positions: Layout): void {
    const cy = this.cy;
    let moved = false;
    cy.batch(() => {
      cy.nodes(MOVABLE).forEach((node) => {
        const p = positions.get(node.id());
        if (!p) return;
        const at = node.position();
        if (Math.round(at.x) === p.x && Math.round(at.y) === p.y) return;
        node.position({ x: p.x, y: p.y });
        moved = true;
      });
      if (moved && this.lean) this.updateBackdrops();
    });
    if (moved && this.lean) this.scheduleDetail();
  }

  /**
   * Keyboard navigation: the VPC nearest to `fromId` in a direction (within 60° of it), or,
   * without a start, the one nearest the middle of the view. Null when there is none that way.
   */
  nearestVpc(
    fromId: string | null,
    direction: 'left' | 'right' | 'up' | 'down' | null,
    except?: string,
  ): string | null {
    const cy = this.cy;
    const from = fromId ? cy.getElementById(fromId) : null;
    let origin: { x: number; y: number };
    if (from && from.nonempty()) origin = from.position();
    else {
      const extent = cy.extent();
      origin = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
    }
    const [dx, dy] =
      direction === 'left'
        ? [-1, 0]
        : direction === 'right'
          ? [1, 0]
          : direction === 'up'
            ? [0, -1]
            : direction === 'down'
              ? [0, 1]
              : [0, 0];
    let best: string | null = null;
    let bestScore = Infinity;
    cy.nodes(MOVABLE).forEach((node) => {
      const id = node.id();
      if (id === fromId || id === except) return;
      const p = node.position();
      const vx = p.x - origin.x;
      const vy = p.y - origin.y;
      let score: number;
      if (direction === null || !from || from.empty()) score = Math.hypot(vx, vy);
      else {
        const along = vx * dx + vy * dy;
        const across = Math.abs(vx * dy - vy * dx);
        // Within 60° of the direction (tan 60° ≈ 1.73); nearer along it, and less off it, wins.
        if (along <= 0 || across > along * 1.73) return;
        score = along + 2 * across;
      }
      if (score < bestScore) {
        bestScore = score;
        best = id;
      }
    });
    return best;
  }

  /** Pans just enough to bring a VPC into view (keyboard navigation keeps the zoom). */
  reveal(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    const box = node.renderedBoundingBox({ includeLabels: false });
    const margin = 40;
    const width = this.cy.width();
    const height = this.cy.height();
    let panX = 0;
    let panY = 0;
    if (box.x1 < margin) panX = margin - box.x1;
    else if (box.x2 > width - margin) panX = width - margin - box.x2;
    if (box.y1 < margin) panY = margin - box.y1;
    else if (box.y2 > height - margin) panY = height - margin - box.y2;
    if (panX !== 0 || panY !== 0) this.cy.panBy({ x: panX, y: panY });
  }

  markConnectSource(id: string | null): void {
    this.cy.$('.connect-source').removeClass('connect-source');
    if (id) this.cy.getElementById(id).addClass('connect-source');
  }

  zoom(kind: 'zoom-in' | 'zoom-out' | 'zoom-reset'): void {
    const cy = this.cy;
    // One step per level: overview → regions → VPCs with labels in two or three presses.
    const level = kind === 'zoom-reset' ? 1 : cy.zoom() * (kind === 'zoom-in' ? ZOOM_STEP : 1 / ZOOM_STEP);
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /**
   * Fits the VPCs in the view. The bounds come from node positions and sizes only: Cytoscape's
   * own fit measures every label and edge first, which takes seconds on a plan of thousands.
   */
  fit(): void {
    const cy = this.cy;
    const vpcs = cy.nodes(MOVABLE);
    if (vpcs.empty()) return;
    // Lean mode: every VPC node has the same fixed size, so the positions are enough; asking
    // Cytoscape would compute the style of every node and edge first. The region backdrops
    // around them and their labels above are in the frame too.
    const box = this.lean
      ? leanBounds(vpcs, BACKDROP_PADDING, this.backdropLabelHeight())
      : cy.nodes().boundingBox({ includeLabels: true, includeOverlays: false, includeEdges: false });
    const padding = 30;
    const width = Math.max(box.w, 1) + 2 * padding;
    const height = Math.max(box.h, 1) + 2 * padding;
    const zoom = Math.max(cy.minZoom(), Math.min(1.25, cy.width() / width, cy.height() / height));
    cy.viewport({
      zoom,
      pan: {
        x: cy.width() / 2 - zoom * (box.x1 + box.w / 2),
        y: cy.height() / 2 - zoom * (box.y1 + box.h / 2),
      },
    });
    // Lean mode: the peerings as this zoom draws them, in the same frame as the VPCs.
    this.updateDetail();
  }

  /**
   * The minimap: every VPC as a dot (the selection's neighbourhood brighter) and the view as a
   * frame, scaled into `width` × `height`. Returns the mapping so a click can pan there.
   */
  drawMinimap(
    context: CanvasRenderingContext2D,
    width: number,
    height: number,
    colors: { readonly dot: string; readonly focus: string; readonly view: string },
  ): { scale: number; x0: number; y0: number } | null {
    const vpcs = this.cy.nodes('.vpc');
    context.clearRect(0, 0, width, height);
    if (vpcs.empty()) return null;
    const box = leanBounds(vpcs, VPC_WIDTH / 2);
    const scale = Math.min(width / box.w, height / box.h);
    const x0 = box.x1 - (width / scale - box.w) / 2;
    const y0 = box.y1 - (height / scale - box.h) / 2;
    const dot = Math.max(1.5, VPC_WIDTH * scale * 0.6);
    vpcs.forEach((node) => {
      const { x, y } = node.position();
      const near = this.focus?.vpcs.has(node.id()) ?? false;
      context.fillStyle = near ? colors.focus : colors.dot;
      const size = near ? dot + 2 : dot;
      context.fillRect(
        (x - x0) * scale - size / 2,
        (y - y0) * scale - size / 4,
        size,
        Math.max(1.5, size / 2),
      );
    });
    const view = this.cy.extent();
    context.strokeStyle = colors.view;
    context.lineWidth = 1.5;
    context.strokeRect((view.x1 - x0) * scale, (view.y1 - y0) * scale, view.w * scale, view.h * scale);
    return { scale, x0, y0 };
  }

  /** Centres the view on a point of the plan (a click on the minimap). */
  centreOn(point: { x: number; y: number }): void {
    const cy = this.cy;
    const zoom = cy.zoom();
    cy.pan({ x: cy.width() / 2 - zoom * point.x, y: cy.height() / 2 - zoom * point.y });
  }

  /** Lean mode: the height of the tallest region label (two lines) above its backdrop. */
  private backdropLabelHeight(): number {
    let font = 13;
    this.cy.nodes('.backdrop').forEach((node) => {
      font = Math.max(font, (node.data('fontSize') as number | undefined) ?? 13);
    });
    return font * 2.6;
  }

  /** Frames the given elements (the ends of a peering with it). */
  frame(ids: readonly string[]): void {
    this.framing = ids;
    let eles = this.cy.collection();
    for (const id of ids) {
      const element = this.cy.getElementById(id);
      if (element.nonempty()) eles = eles.union(element).union(element.connectedNodes());
      else {
        // Lean mode: a peering not drawn at this zoom; its ends are.
        const peering = this.peerings.get(id);
        if (peering)
          eles = eles
            .union(this.cy.getElementById(peering.data.source ?? ''))
            .union(this.cy.getElementById(peering.data.target ?? ''));
      }
    }
    if (eles.empty()) {
      this.pendingFrame = ids;
      return;
    }
    // Fit, but never closer than a comfortable reading zoom (one VPC would fill the screen).
    const box = eles.boundingBox();
    const padding = 80;
    const fitZoom = Math.min(
      (this.cy.width() - 2 * padding) / box.w,
      (this.cy.height() - 2 * padding) / box.h,
    );
    const level = Math.max(this.cy.minZoom(), Math.min(1.1, fitZoom));
    this.cy.animate({ zoom: level, center: { eles }, duration: 250 });
  }

  /**
   * The automatic layout; resolves with every VPC's new position. fcose for normal plans; in lean
   * mode the grid per region (fcose on thousands of nodes blocks the window for a minute).
   */
  runLayout(): Promise<Positions> {
    if (this.lean) {
      const vpcs = this.cy.nodes('.vpc').map((node) => ({
        id: node.id(),
        region: (node.data('region') as string | undefined) ?? '',
      }));
      const grid = regionGridPositions(vpcs);
      this.cy.batch(() => {
        this.cy.nodes('.vpc').forEach((node) => {
          const p = grid.get(node.id());
          if (p) node.position(p);
        });
        this.updateBackdrops();
      });
      this.fit();
      return Promise.resolve(this.positions());
    }
    return loadFcose().then(() => this.runFcose());
  }

  private runFcose(): Promise<Positions> {
    // The canvas may have gone (another plan opened) while fcose loaded.
    if (this.cy.destroyed()) return Promise.resolve(new Map());
    return new Promise((resolve) => {
      const layout = this.cy.layout({
        name: 'fcose',
        quality: 'default',
        randomize: true,
        animate: false,
        fit: true,
        padding: 40,
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: 9000,
        idealEdgeLength: 160,
        nestingFactor: 0.2,
        tile: true,
      } as cytoscape.LayoutOptions);
      layout.one('layoutstop', () => resolve(this.positions()));
      layout.run();
    });
  }

  positions(): Positions {
    const out: Positions = new Map();
    this.cy.nodes(MOVABLE).forEach((node) => {
      const { x, y } = node.position();
      out.set(node.id(), { x: Math.round(x), y: Math.round(y) });
    });
    return out;
  }

  /**
   * Tells Cytoscape its container changed size. It only watches the window, so without this a
   * panel opening beside the canvas leaves it centring and framing on the old, wider size.
   */
  resize(): void {
    const cy = this.cy;
    const width = cy.width();
    const height = cy.height();
    cy.resize();
    const grownX = cy.width() - width;
    const grownY = cy.height() - height;
    if (grownX === 0 && grownY === 0) return;
    if (cy.animated() && this.framing) {
      // A frame was on its way to a centre computed for the old size: frame again for the new.
      cy.stop(true, false);
      this.frame(this.framing);
      return;
    }
    // Keep what was in the middle of the view in the middle, as a panel opens or closes beside it.
    const pan = cy.pan();
    cy.pan({ x: pan.x + grownX / 2, y: pan.y + grownY / 2 });
  }

  /**
   * The compare view's marks: a class per changed element (added, removed, changed) and ghosts
   * for the objects the open plan does not have. Replaces the previous marks; empty clears them.
   */
  setDiffMarks(
    marks: ReadonlyMap<string, 'added' | 'removed' | 'changed'>,
    ghosts: readonly DiffGhost[],
  ): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements('.diff-added, .diff-removed, .diff-changed').removeClass(
        'diff-added diff-removed diff-changed',
      );
      cy.elements('.diff-ghost').remove();
      for (const [id, change] of marks) cy.getElementById(id).addClass(`diff-${change}`);
      if (ghosts.length === 0) return;
      const drawn = cy.nodes('.vpc');
      const box = drawn.nonempty() ? drawn.boundingBox({ includeLabels: false }) : { x2: 0, y1: 0 };
      const ghostVpcs = new Set(ghosts.filter((g) => g.group === 'vpc').map((g) => g.id));
      const end = (vpc: string): string => (ghostVpcs.has(vpc) ? `${GHOST_PREFIX}${vpc}` : vpc);
      let unplaced = 0;
      const additions: ElementDefinition[] = [];
      for (const ghost of ghosts) {
        const classes = `diff-ghost diff-${ghost.change}`;
        if (ghost.group === 'vpc') {
          // Beside the drawing, one under the other, when the other plan has no position for it.
          const position = ghost.position ?? { x: box.x2 + 200, y: box.y1 + 90 * unplaced++ };
          additions.push({
            group: 'nodes',
            data: { id: `${GHOST_PREFIX}${ghost.id}`, label: ghost.label },
            position: { ...position },
            classes,
            grabbable: false,
            selectable: false,
          });
        } else if (ghost.source !== undefined && ghost.target !== undefined) {
          additions.push({
            group: 'edges',
            data: {
              id: `${GHOST_PREFIX}${ghost.id}`,
              source: end(ghost.source),
              target: end(ghost.target),
              label: ghost.label,
            },
            classes,
            selectable: false,
          });
        }
      }
      const ghostNodes = cy.add(additions.filter((a) => a.group === 'nodes'));
      // An edge whose end is not drawn (lean mode, a VPC outside the view) is left out.
      cy.add(
        additions.filter(
          (a) =>
            a.group === 'edges' &&
            cy.getElementById(a.data.source as string).nonempty() &&
            cy.getElementById(a.data.target as string).nonempty(),
        ),
      );
      // A ghost out of view is no use: the view widens to take it in.
      const view = cy.extent();
      const outside = ghostNodes.nodes().some((node) => {
        const { x, y } = (node as NodeSingular).position();
        return x < view.x1 || x > view.x2 || y < view.y1 || y > view.y2;
      });
      if (outside) cy.fit(cy.nodes(), 60);
    });
  }

  /** The whole drawing as a PNG (base64, no prefix) at `scale`, on `background`. */
  picture(background: string, scale = 2): string | null {
    if (this.cy.elements().empty()) return null;
    const data = this.cy.png({
      output: 'base64',
      full: true,
      scale,
      bg: background,
      // A plan of thousands of VPCs still gives a picture a viewer can open.
      maxWidth: 16_000,
      maxHeight: 16_000,
    });
    return data.replace(/^data:image\/png;base64,/, '');
  }

  destroy(): void {
    if (this.detailTimer !== null) clearTimeout(this.detailTimer);
    this.cy.destroy();
  }
}

/** The box of lean VPC nodes, from their positions and their fixed size. */
function leanBounds(
  vpcs: cytoscape.NodeCollection,
  margin = 0,
  labelAbove = 0,
): { x1: number; y1: number; w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  vpcs.forEach((node) => {
    const { x, y } = node.position();
    x1 = Math.min(x1, x - VPC_WIDTH / 2);
    x2 = Math.max(x2, x + VPC_WIDTH / 2);
    y1 = Math.min(y1, y - LEAN_VPC_HEIGHT / 2);
    y2 = Math.max(y2, y + LEAN_VPC_HEIGHT / 2);
  });
  x1 -= margin;
  x2 += margin;
  y1 -= margin + labelAbove;
  y2 += margin;
  return { x1, y1, w: x2 - x1, h: y2 - y1 };
}

function isVpc(d: ElementDescriptor): boolean {
  return d.data.parent !== undefined || d.data.region !== undefined;
}
