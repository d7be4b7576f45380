/**
 * The Cytoscape stylesheet, per theme. Peerings (and CCN attachments) are styled by state
 * (active solid, pending dashed, expired or rejected grey and dotted) and kind (cross-region thicker, in its own
 * colour, with its bandwidth); VPCs carry their account's colour as a stripe, a dashed border
 * when the account is not ours, and a red or amber glow when findings concern them. A CCN is a
 * hexagonal hub in its own colour, outside the regions.
 */
import type { StylesheetJson } from 'cytoscape';
import { ACCOUNT_PALETTE, LEAN_VPC_HEIGHT } from './canvas-elements';

export interface CanvasPalette {
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly node: string;
  readonly nodeBorder: string;
  readonly region: string;
  readonly regionBorder: string;
  readonly edge: string;
  readonly crossRegion: string;
  readonly inactive: string;
  readonly error: string;
  readonly warning: string;
  readonly selection: string;
  /** Compare marks: added objects (removed ones use `error`, changed ones `warning`). */
  readonly added: string;
  /** CCN hubs and their attachment edges. */
  readonly ccn: string;
  readonly ccnFill: string;
}

export const LIGHT: CanvasPalette = {
  background: '#f6f7f9',
  text: '#1d2330',
  mutedText: '#5b6474',
  node: '#ffffff',
  nodeBorder: '#a8b0bd',
  region: '#e9edf3',
  regionBorder: '#c3cad6',
  edge: '#4a6fa5',
  crossRegion: '#7b4fc9',
  inactive: '#a0a6b0',
  error: '#d92d2d',
  warning: '#d08a00',
  selection: '#1f6feb',
  added: '#1a7f37',
  ccn: '#0b8a83',
  ccnFill: '#e3f5f3',
};

export const DARK: CanvasPalette = {
  background: '#15181e',
  text: '#e6e9ef',
  mutedText: '#9aa3b2',
  node: '#232833',
  nodeBorder: '#4a5363',
  region: '#1c2029',
  regionBorder: '#363d4a',
  edge: '#7fa3d9',
  crossRegion: '#b08ef0',
  inactive: '#6b7280',
  error: '#ff5c5c',
  warning: '#f2b33d',
  selection: '#58a6ff',
  added: '#3fb950',
  ccn: '#3cc7bd',
  ccnFill: '#15302f',
};

export const VPC_WIDTH = 210;

/**
 * The stylesheet. `lean` (plans above LEAN_PLAN_VPCS): the costly touches go (gradient stripes,
 * glows, bezier curves, label backgrounds, wrapped labels measured for node sizes) and labels
 * appear only once zoomed in enough to read them. Regions are backdrops there, not compound
 * nodes, so everything is ordered by an explicit z-index: backdrops, then peerings, then VPCs.
 */
export function canvasStyle(p: CanvasPalette, lean = false): StylesheetJson {
  return lean ? canvasStyleLean(p) : canvasStyleFull(p);
}

/**
 * Lean mode's own sheet, not the full one with overrides: Cytoscape matches every selector and
 * applies every property for each element, which is most of the first draw of thousands of VPCs.
 * So few selectors, each property set once, no data mappings but the label.
 */
function canvasStyleLean(p: CanvasPalette): StylesheetJson {
  const font = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  return [
    { selector: 'node', style: { 'z-index-compare': 'manual' } },
    {
      selector: 'node.backdrop',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': p.region,
        'border-width': 1,
        'border-color': p.regionBorder,
        'z-index': 0,
        events: 'no',
        label: 'data(label)',
        'font-family': font,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -8,
        'text-wrap': 'wrap',
        'text-max-width': '100000px',
        'font-size': 'data(fontSize)',
        'font-weight': 'bold',
        color: p.mutedText,
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'node.vpc',
      style: {
        shape: 'round-rectangle',
        width: VPC_WIDTH,
        height: LEAN_VPC_HEIGHT,
        'background-color': p.node,
        'border-width': 1.5,
        'border-color': p.nodeBorder,
        'z-index': 2,
      },
    },
    // Only the VPCs in view get a label, once zoomed in enough to read it (see LABEL_ZOOM).
    {
      selector: 'node.vpc.labelled',
      style: {
        label: 'data(label)',
        color: p.text,
        'font-family': font,
        'font-size': 11,
        'text-wrap': 'none',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 7,
      },
    },
    // The account's colour as the border (dashed when the account is not ours).
    ...ACCOUNT_PALETTE.map((color, index) => ({
      selector: `node.account-${index}`,
      style: { 'border-color': color },
    })),
    { selector: 'node.foreign', style: { 'border-style': 'dashed', 'border-width': 2.5 } },
    { selector: 'node.has-warning', style: { 'border-color': p.warning, 'border-width': 4 } },
    { selector: 'node.has-error', style: { 'border-color': p.error, 'border-width': 5 } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': p.edge,
        'curve-style': 'haystack',
        label: 'data(label)',
        'font-family': font,
        'font-size': 10,
        color: p.text,
        'text-wrap': 'none',
        'min-zoomed-font-size': 10,
        'z-index-compare': 'manual',
        'z-index': 1,
      },
    },
    ...ccnStyle(p, true),
    ...peeringKindStyle(p),
    { selector: 'edge.has-warning', style: { 'line-color': p.warning } },
    { selector: 'edge.has-error', style: { 'line-color': p.error, color: p.error } },
    // The peerings between two regions as one edge, at overview zoom (see leanOverview): its
    // width grows with the count; its label (count and marks) appears once zoomed in a little.
    {
      selector: 'edge.bundle',
      style: {
        'z-index': 3,
        events: 'no',
        'curve-style': 'straight',
        width: 'data(width)',
        'line-color': p.crossRegion,
        'line-opacity': 0.4,
        'font-size': 'data(fontSize)',
        color: p.text,
        // Above the size a label gets in the texture cache at the zoom of the whole plan.
        'min-zoomed-font-size': 12,
        'text-background-color': p.background,
        'text-background-opacity': 0.85,
      },
    },
    { selector: 'edge.bundle.has-warning', style: { 'line-color': p.crossRegion, color: p.text } },
    { selector: 'edge.bundle.has-error', style: { 'line-color': p.error, color: p.error } },
    ...selectionStyle(p),
    ...diffStyle(p),
  ];
}

/** A peering's kind and state, the same in both stylesheets: cross-region, pending, expired, rejected or isolated. */
function peeringKindStyle(p: CanvasPalette): StylesheetJson {
  return [
    { selector: 'edge.cross-region', style: { width: 3.5, 'line-color': p.crossRegion } },
    { selector: 'edge.state-pending', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 5] } },
    {
      selector: 'edge.state-expired, edge.state-rejected, edge.state-isolated',
      style: { 'line-color': p.inactive, 'line-style': 'dotted', color: p.mutedText, opacity: 0.85 },
    },
  ];
}

/**
 * CCN hubs (a hexagon outside the regions) and their attachment edges, in the CCN colour. Before
 * the state styles: a pending attachment is dashed, a rejected or expired one grey and dotted,
 * like a peering. A member whose published CIDR is invalid (a conflict) has a bar at the hub's
 * end; one whose CCN route is not effective in its tables (shadowed), a bar at the VPC's end.
 */
function ccnStyle(p: CanvasPalette, lean: boolean): StylesheetJson {
  return [
    {
      selector: 'node.ccn',
      style: {
        shape: 'round-hexagon',
        width: 170,
        height: 78,
        'background-color': p.ccnFill,
        'border-width': 3,
        'border-color': p.ccn,
        label: 'data(label)',
        color: p.text,
        'font-size': 11,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-valign': 'center',
        'text-halign': 'center',
        ...(lean ? { 'z-index': 4, 'min-zoomed-font-size': 7 } : {}),
      },
    },
    { selector: 'node.ccn.has-warning', style: { 'border-color': p.warning } },
    { selector: 'node.ccn.has-error', style: { 'border-color': p.error } },
    {
      selector: 'edge.ccn-attachment',
      style: {
        width: 3,
        'line-color': p.ccn,
        'curve-style': lean ? 'haystack' : 'straight',
        color: p.text,
      },
    },
    {
      selector: 'edge.ccn-attachment.route-invalid',
      style: {
        'source-arrow-shape': 'tee',
        'source-arrow-color': p.warning,
        'line-color': p.warning,
        'arrow-scale': 1.6,
        ...(lean ? { 'curve-style': 'straight' } : {}),
      },
    },
    {
      selector: 'edge.ccn-attachment.route-shadowed',
      style: {
        'target-arrow-shape': 'tee',
        'target-arrow-color': p.warning,
        'arrow-scale': 1.6,
        ...(lean ? { 'curve-style': 'straight' } : {}),
      },
    },
  ];
}

function selectionStyle(p: CanvasPalette): StylesheetJson {
  return [
    {
      selector: ':selected',
      style: { 'overlay-color': p.selection, 'overlay-opacity': 0.1, 'overlay-padding': 5 },
    },
    { selector: 'node.vpc:selected', style: { 'border-color': p.selection, 'border-width': 3 } },
    { selector: 'node.ccn:selected', style: { 'border-color': p.selection, 'border-width': 4 } },
    {
      selector: 'node.connect-source',
      style: { 'border-color': p.selection, 'border-width': 4, 'border-style': 'double' },
    },
    {
      selector: '.search-hit',
      style: { 'overlay-color': p.warning, 'overlay-opacity': 0.25, 'overlay-padding': 8 },
    },
    // A selected VPC's neighbourhood (its peerings and peers) stands out; the rest steps back.
    { selector: 'node.vpc.faded, node.ccn.faded', style: { opacity: 0.3 } },
    { selector: 'edge.faded', style: { opacity: 0.12 } },
    {
      selector: 'edge.neighbourhood',
      style: { width: 5, 'z-index': 20, opacity: 1, 'text-opacity': 1 },
    },
    // The selection and its peers above their highlighted peerings: the lines end at the boxes
    // instead of crossing out their labels.
    { selector: 'node.vpc.neighbourhood, node.ccn.neighbourhood', style: { 'z-index': 30 } },
  ];
}

/**
 * The compare view's marks: objects added (green), changed (amber), and the ghosts of objects
 * the open plan does not have (removed ones faint and red, dashed).
 */
function diffStyle(p: CanvasPalette): StylesheetJson {
  const mark = (color: string) => ({
    'underlay-color': color,
    'underlay-opacity': 0.45,
    'underlay-padding': 9,
  });
  return [
    { selector: '.diff-added', style: mark(p.added) },
    { selector: '.diff-changed', style: mark(p.warning) },
    { selector: '.diff-removed', style: mark(p.error) },
    {
      selector: 'node.diff-ghost',
      style: {
        shape: 'round-rectangle',
        width: VPC_WIDTH,
        height: 56,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'font-size': 12,
        color: p.text,
        'background-color': p.node,
        'background-opacity': 0.35,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': p.error,
        opacity: 0.6,
      },
    },
    {
      selector: 'edge.diff-ghost',
      style: {
        width: 3,
        'line-color': p.error,
        'line-style': 'dashed',
        'curve-style': 'straight',
        label: 'data(label)',
        'font-size': 11,
        color: p.error,
        opacity: 0.6,
      },
    },
    {
      selector: '.diff-ghost.diff-added',
      style: { 'border-color': p.added, 'line-color': p.added, color: p.added },
    },
  ];
}

function canvasStyleFull(p: CanvasPalette): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: p.text,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 11,
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'node.region',
      style: {
        shape: 'round-rectangle',
        'background-color': p.region,
        'background-opacity': 1,
        'border-width': 1,
        'border-color': p.regionBorder,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-size': 13,
        'font-weight': 'bold',
        color: p.mutedText,
        padding: '24px',
      },
    },
    {
      selector: 'node.vpc',
      style: {
        shape: 'round-rectangle',
        width: VPC_WIDTH,
        height: 'data(height)',
        'background-color': p.node,
        'border-width': 1.5,
        'border-color': p.nodeBorder,
        'text-wrap': 'wrap',
        'text-max-width': `${VPC_WIDTH - 20}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-justification': 'left',
        'line-height': 1.35,
      },
    },
    // The account's colour as a stripe on the left edge; a dashed border in that colour when
    // the account is not ours.
    ...ACCOUNT_PALETTE.flatMap((color, index): StylesheetJson => [
      {
        selector: `node.vpc.account-${index}`,
        style: {
          'background-fill': 'linear-gradient',
          'background-gradient-direction': 'to-right',
          'background-gradient-stop-colors': [color, color, p.node, p.node],
          'background-gradient-stop-positions': [0, 3, 3, 100],
        },
      },
      { selector: `node.vpc.foreign.account-${index}`, style: { 'border-color': color } },
    ]),
    { selector: 'node.vpc.foreign', style: { 'border-style': 'dashed', 'border-width': 2.5 } },
    {
      selector: 'node.vpc.has-warning',
      style: {
        'border-color': p.warning,
        'border-width': 2.5,
        'underlay-color': p.warning,
        'underlay-padding': 5,
        'underlay-opacity': 0.25,
      },
    },
    {
      selector: 'node.vpc.has-error',
      style: {
        'border-color': p.error,
        'border-width': 3,
        'underlay-color': p.error,
        'underlay-padding': 6,
        'underlay-opacity': 0.3,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': p.edge,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 10,
        color: p.text,
        'text-wrap': 'wrap',
        'text-background-color': p.background,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'target-arrow-shape': 'none',
        'min-zoomed-font-size': 7,
      },
    },
    ...ccnStyle(p, false),
    ...peeringKindStyle(p),
    {
      selector: 'edge.has-warning',
      style: { 'underlay-color': p.warning, 'underlay-padding': 4, 'underlay-opacity': 0.35, color: p.text },
    },
    {
      selector: 'edge.has-error',
      style: { 'underlay-color': p.error, 'underlay-padding': 5, 'underlay-opacity': 0.4, color: p.error },
    },
    ...selectionStyle(p),
    ...diffStyle(p),
  ];
}
