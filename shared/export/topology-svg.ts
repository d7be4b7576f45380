/**
 * The plan's topology as inline SVG, for the HTML report (and any other static picture): regions
 * as labelled groups, VPCs as boxes inside them, peerings as lines styled by state (active solid,
 * pending dashed, expired and rejected grey) and kind (cross-region thicker, in amber); CCNs as
 * hubs in a band under the regions, with a line to each member (pending dashed, rejected and
 * expired grey). The regions view (big plans) does not draw CCNs: the report's CCN section lists them.
 *
 * The layout is deterministic and simple, so the same plan always gives the same picture: regions
 * in a grid of equal cells (√n columns), each region's VPCs in a grid inside its cell, in plan
 * order. Lines between VPCs of one region bend (a quadratic curve) so they do not run through the
 * boxes between them in a row, and parallel lines fan out.
 */
import { htmlText } from './escape';
import type { Review } from './review';
import { formatCount, plural, regionTopology } from './review-digest';

export const VPC_BOX = { width: 190, height: 58 } as const;
const VPC_GAP = { x: 120, y: 84 };
const REGION_PADDING = { top: 44, side: 28, bottom: 28 };
const REGION_GAP = 96;
/** Width of one character of a region title (15px, semi-bold), to size cells so titles fit. */
const TITLE_CHAR_WIDTH = 9.5;
const MARGIN = 16;

export interface BoxLayout {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  readonly regions: readonly (BoxLayout & { readonly id: string; readonly label: string })[];
  readonly vpcs: ReadonlyMap<string, BoxLayout>;
}

export function layoutTopology(review: Review): TopologyLayout {
  const regionCount = Math.max(1, review.regions.length);
  const regionColumns = Math.ceil(Math.sqrt(regionCount));
  const maxVpcs = Math.max(1, ...review.regions.map((r) => r.vpcs.length));
  const vpcColumns = Math.ceil(Math.sqrt(maxVpcs));
  const vpcRows = Math.ceil(maxVpcs / vpcColumns);
  const titleWidth = Math.max(0, ...review.regions.map((r) => regionLabel(r).length * TITLE_CHAR_WIDTH + 44));
  const cellWidth = Math.max(
    titleWidth,
    REGION_PADDING.side * 2 + vpcColumns * VPC_BOX.width + (vpcColumns - 1) * VPC_GAP.x,
  );
  const cellHeight =
    REGION_PADDING.top + REGION_PADDING.bottom + vpcRows * VPC_BOX.height + (vpcRows - 1) * VPC_GAP.y;

  const regions: TopologyLayout['regions'][number][] = [];
  const vpcs = new Map<string, BoxLayout>();
  review.regions.forEach((region, r) => {
    const x = MARGIN + (r % regionColumns) * (cellWidth + REGION_GAP);
    const y = MARGIN + Math.floor(r / regionColumns) * (cellHeight + REGION_GAP);
    regions.push({
      id: region.id,
      label: `${region.name} · ${region.id}`,
      x,
      y,
      width: cellWidth,
      height: cellHeight,
    });
    // Fewer VPCs than the grid holds: centre them in the cell rather than leave a hole.
    const columns = Math.min(vpcColumns, region.vpcs.length);
    const rowWidth = columns * VPC_BOX.width + (columns - 1) * VPC_GAP.x;
    const offset = (cellWidth - 2 * REGION_PADDING.side - rowWidth) / 2;
    region.vpcs.forEach((vpc, v) => {
      vpcs.set(vpc.id, {
        x: x + REGION_PADDING.side + offset + (v % vpcColumns) * (VPC_BOX.width + VPC_GAP.x),
        y: y + REGION_PADDING.top + Math.floor(v / vpcColumns) * (VPC_BOX.height + VPC_GAP.y),
        width: VPC_BOX.width,
        height: VPC_BOX.height,
      });
    });
  });
  const rows = Math.ceil(regionCount / regionColumns);
  const columnsUsed = Math.min(regionColumns, regionCount);
  return {
    width: MARGIN * 2 + columnsUsed * cellWidth + (columnsUsed - 1) * REGION_GAP,
    height: MARGIN * 2 + rows * cellHeight + (rows - 1) * REGION_GAP,
    regions,
    vpcs,
  };
}

/** Re-exported: the report has always found it here. */
export { escapeXml } from './escape';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function regionLabel(region: { id: string; name: string }): string {
  return region.name === region.id ? region.id : `${region.name} · ${region.id}`;
}

const center = (b: BoxLayout) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/**
 * Above these sizes the SVG draws regions, not VPCs: thousands of boxes and lines make a picture
 * nobody can read and a page that takes seconds to open.
 */
export const SVG_VPC_VIEW_MAX = { vpcs: 300, peerings: 600 } as const;

/** Which picture the HTML report draws for this plan. */
export function topologyView(review: Review): 'vpcs' | 'regions' {
  return review.plan.vpcs.length <= SVG_VPC_VIEW_MAX.vpcs &&
    review.plan.peerings.length <= SVG_VPC_VIEW_MAX.peerings
    ? 'vpcs'
    : 'regions';
}

/** The inline SVG element (no external reference), sized by its viewBox. */
export function renderTopologySvg(review: Review): string {
  return topologyView(review) === 'vpcs' ? renderVpcTopologySvg(review) : renderRegionTopologySvg(review);
}

const CCN_HUB = { width: 200, height: 46 } as const;
/** Height of the band under the regions where the CCN hubs sit. */
const CCN_BAND = 130;

/** Every VPC in its region, every peering as a line; CCNs as hubs under the regions with a line to each member. */
export function renderVpcTopologySvg(review: Review): string {
  const layout = layoutTopology(review);
  const hubs = review.ccns.length;
  const hubsPerRow = Math.max(1, Math.floor((layout.width - MARGIN) / (CCN_HUB.width + 40)));
  const hubRows = Math.ceil(hubs / hubsPerRow);
  const width = Math.max(layout.width, hubs > 0 ? MARGIN * 2 + CCN_HUB.width : 0);
  const height = layout.height + hubRows * CCN_BAND;
  const out: string[] = [];
  out.push(
    `<svg class="topology" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Topology: regions, VPCs${hubs > 0 ? ', CCNs' : ''} and peerings">`,
  );
  // CCN hubs: rows under the regions, spread across the width; lines to members under every box.
  const hubBoxes: string[] = [];
  review.ccns.forEach((c, i) => {
    const row = Math.floor(i / hubsPerRow);
    const inRow = Math.min(hubsPerRow, hubs - row * hubsPerRow);
    const slot = i % hubsPerRow;
    const x = round((width * (slot + 1)) / (inRow + 1) - CCN_HUB.width / 2);
    const y = layout.height + row * CCN_BAND + (CCN_BAND - CCN_HUB.height) / 2 - MARGIN / 2;
    const hub = { x: x + CCN_HUB.width / 2, y: y + CCN_HUB.height / 2 };
    for (const m of c.members) {
      const box = layout.vpcs.get(m.attachment.vpc);
      if (!box) continue;
      const to = center(box);
      out.push(
        `<g class="ccn-link state-${htmlText(m.attachment.state)}" data-ccn="${htmlText(c.ccn.id)}" data-vpc="${htmlText(m.attachment.vpc)}"><title>${htmlText(`${c.ccn.id} – ${m.attachment.vpc}: ${m.attachment.state}, attached ${m.order}.`)}</title>` +
          `<line x1="${hub.x}" y1="${hub.y}" x2="${to.x}" y2="${to.y}"/></g>`,
      );
    }
    const facts = `CCN · ${plural(c.members.filter((m) => m.attachment.state === 'active').length, 'active member')}`;
    hubBoxes.push(
      `<g class="ccn-hub" data-ccn="${htmlText(c.ccn.id)}"><title>${htmlText(`${c.ccn.id}: ${c.ccn.name}, account ${c.ccn.account}, QoS ${c.ccn.qosLevel}, ${c.ccn.chargeType}`)}</title>` +
        `<rect x="${x}" y="${round(y)}" width="${CCN_HUB.width}" height="${CCN_HUB.height}" rx="23"/>` +
        `<text class="ccn-name" x="${round(x + CCN_HUB.width / 2)}" y="${round(y + 19)}" text-anchor="middle">${htmlText(truncate(c.ccn.name, 24))}</text>` +
        `<text class="ccn-facts" x="${round(x + CCN_HUB.width / 2)}" y="${round(y + 36)}" text-anchor="middle">${htmlText(facts)}</text></g>`,
    );
  });
  for (const region of layout.regions) {
    out.push(
      `<g class="region"><rect x="${region.x}" y="${region.y}" width="${region.width}" height="${region.height}" rx="10"/>` +
        `<text x="${region.x + 14}" y="${region.y + 26}">${htmlText(region.label)}</text></g>`,
    );
  }

  // Lines under the boxes; parallel lines between one pair of VPCs fan out.
  const seenPairs = new Map<string, number>();
  const labels: string[] = [];
  // Labels avoid the boxes and each other: the VPC boxes are obstacles from the start, each
  // placed label becomes one.
  const obstacles: Rect[] = [...layout.vpcs.values()].map((b) => ({
    x: b.x,
    y: b.y,
    width: b.width,
    height: b.height,
  }));
  for (const p of review.peerings) {
    const from = layout.vpcs.get(p.peering.requester);
    const to = layout.vpcs.get(p.peering.accepter);
    if (!from || !to || from === to) continue;
    const pairKey = [p.peering.requester, p.peering.accepter].sort().join('\u0000');
    const nth = seenPairs.get(pairKey) ?? 0;
    seenPairs.set(pairKey, nth + 1);
    const a = center(from);
    const b = center(to);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    // Every line bends, towards the middle of the picture (so it stays inside it): lines along a
    // row or column of boxes would otherwise run through the boxes between their ends, and lines
    // between the same two VPCs would lie on each other. Longer lines bend more.
    const bend = Math.min(40 + length * 0.12, 140) + nth * 26;
    let nx = -dy / length;
    let ny = dx / length;
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    if (nx * (layout.width / 2 - mid.x) + ny * (layout.height / 2 - mid.y) < 0) {
      nx = -nx;
      ny = -ny;
    }
    const cx = mid.x + nx * bend;
    const cy = mid.y + ny * bend;
    const classes = ['peering', `state-${p.state}`, p.crossRegion ? 'cross-region' : 'regional'];
    const label = `${p.peering.name} (${p.state}${p.crossRegion ? ', cross-region' : ''})`;
    // The label sits at the curve's midpoint: (a + 2c + b) / 4 for a quadratic curve.
    const mx = (a.x + 2 * cx + b.x) / 4;
    const my = (a.y + 2 * cy + b.y) / 4;
    out.push(
      `<g class="${classes.join(' ')}" data-peering="${htmlText(p.peering.id)}"><title>${htmlText(`${p.peering.id}: ${label}`)}</title>` +
        `<path d="M ${a.x} ${a.y} Q ${round(cx)} ${round(cy)} ${b.x} ${b.y}"/></g>`,
    );
    // Labels go on top of the boxes (drawn last, with a white halo): the name only, the state is
    // in the line's style and the full text in the tooltip.
    const text = truncate(p.peering.name, 24);
    const labelY = placeLabel(mx, my - 7, text.length * LABEL_CHAR_WIDTH + 8, obstacles);
    labels.push(
      `<text class="peering-label" x="${round(mx)}" y="${round(labelY)}" text-anchor="middle"><title>${htmlText(`${p.peering.id}: ${label}`)}</title>${htmlText(text)}</text>`,
    );
  }

  for (const region of review.regions) {
    for (const vpc of region.vpcs) {
      const box = layout.vpcs.get(vpc.id)!;
      out.push(
        `<g class="vpc" data-vpc="${htmlText(vpc.id)}"><title>${htmlText(`${vpc.id}: ${vpc.name}, account ${vpc.account}, ${[vpc.cidr, ...vpc.secondaryCidrs].join(', ')}`)}</title>` +
          `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>` +
          `<text class="vpc-name" x="${box.x + 12}" y="${box.y + 24}">${htmlText(truncate(vpc.name, 24))}</text>` +
          `<text class="vpc-cidr" x="${box.x + 12}" y="${box.y + 44}">${htmlText(truncate(vpc.secondaryCidrs.length === 0 ? vpc.cidr : `${vpc.cidr} +${vpc.secondaryCidrs.length}`, 24))}</text></g>`,
      );
    }
  }
  out.push(...hubBoxes, ...labels, '</svg>');
  return out.join('\n');
}

const REGION_BOX = { width: 236, height: 74 } as const;

/**
 * Regions as boxes on a circle (so every line between two of them crosses the open middle, not
 * another box), one line per pair of regions with the number of peerings between them: thicker
 * for more peerings, red when one of them has an error finding.
 */
export function renderRegionTopologySvg(review: Review): string {
  const topology = regionTopology(review);
  const n = Math.max(1, topology.regions.length);
  // A circle long enough for the boxes side by side (their diagonal, plus a gap).
  const radius = n === 1 ? 0 : Math.max(180, (n * (REGION_BOX.width + 80)) / (2 * Math.PI));
  const size = 2 * (radius + MARGIN) + REGION_BOX.width + 40;
  const middle = size / 2;
  const centers = topology.regions.map((_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: round(middle + radius * Math.cos(angle)), y: round(middle + radius * Math.sin(angle)) };
  });
  const boxes: Rect[] = centers.map((c) => ({
    x: c.x - REGION_BOX.width / 2,
    y: c.y - REGION_BOX.height / 2,
    width: REGION_BOX.width,
    height: REGION_BOX.height,
  }));
  const most = Math.max(1, ...topology.pairs.map((p) => p.peerings));
  const out: string[] = [
    `<svg class="topology regions-view" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${round(size)} ${round(size)}" width="${round(size)}" height="${round(size)}" role="img" aria-label="Topology by region: regions and the peerings between them">`,
  ];
  const labels: string[] = [];
  const obstacles: Rect[] = [...boxes];
  for (const pair of topology.pairs) {
    const a = centers[pair.a]!;
    const b = centers[pair.b]!;
    // Only errors colour a line: on a big plan most pairs carry some warning, and colour that
    // marks everything marks nothing (the tooltip counts the warnings).
    const status = pair.errors > 0 ? 'has-error' : 'clean';
    const width = round(1.5 + 6 * Math.sqrt(pair.peerings / most));
    const names = `${topology.regions[pair.a]!.name} – ${topology.regions[pair.b]!.name}`;
    const mark = pair.errors > 0 ? ` · ✖ ${formatCount(pair.errors)}` : '';
    const title = `${names}: ${plural(pair.peerings, 'peering')}${
      pair.errors > 0 ? `, ${formatCount(pair.errors)} with errors` : ''
    }${pair.warnings > 0 ? `, ${formatCount(pair.warnings)} with warnings` : ''}`;
    out.push(
      `<g class="bundle ${status}" data-regions="${htmlText(`${topology.regions[pair.a]!.id} ${topology.regions[pair.b]!.id}`)}" data-peerings="${pair.peerings}"><title>${htmlText(title)}</title>` +
        `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" style="stroke-width:${width}"/></g>`,
    );
    const text = `${formatCount(pair.peerings)}${mark}`;
    // Not at the middle: every line between opposite regions passes there, and their labels
    // would pile up.
    const mx = a.x + (b.x - a.x) * 0.4;
    const my = a.y + (b.y - a.y) * 0.4;
    const labelY = placeLabel(mx, my + 4, text.length * LABEL_CHAR_WIDTH + 8, obstacles);
    labels.push(
      `<text class="bundle-label ${status}" x="${round(mx)}" y="${round(labelY)}" text-anchor="middle"><title>${htmlText(title)}</title>${htmlText(text)}</text>`,
    );
  }
  topology.regions.forEach((region, i) => {
    const box = boxes[i]!;
    const status = region.insideErrors > 0 ? 'has-error' : 'clean';
    const inside = `${plural(region.vpcs, 'VPC')} · ${plural(region.inside, 'peering')} inside`;
    const mark =
      region.insideErrors > 0
        ? `✖ ${formatCount(region.insideErrors)} with errors`
        : region.insideWarnings > 0
          ? `▲ ${formatCount(region.insideWarnings)} with warnings`
          : '';
    out.push(
      `<g class="region-node ${status}" data-region="${htmlText(region.id)}"><title>${htmlText(`${region.name} (${region.id}): ${inside}${mark ? `, ${mark}` : ''}`)}</title>` +
        `<rect x="${round(box.x)}" y="${round(box.y)}" width="${box.width}" height="${box.height}" rx="8"/>` +
        `<text class="region-name" x="${round(box.x + 12)}" y="${round(box.y + 22)}">${htmlText(truncate(regionLabel(region), 30))}</text>` +
        `<text class="region-facts" x="${round(box.x + 12)}" y="${round(box.y + 42)}">${htmlText(inside)}</text>` +
        (mark
          ? `<text class="region-mark" x="${round(box.x + 12)}" y="${round(box.y + 61)}">${htmlText(mark)}</text>`
          : '') +
        '</g>',
    );
  });
  out.push(...labels, '</svg>');
  return out.join('\n');
}

const LABEL_CHAR_WIDTH = 6.8;
const LABEL_HEIGHT = 15;

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The baseline for a label centred on `x`: the wanted one, or the nearest one above or below (in
 * steps of a line) that hits no obstacle; the label's box is added to the obstacles. After a few
 * tries it takes the wanted place anyway: a crowded picture keeps its labels near their lines.
 */
function placeLabel(x: number, y: number, width: number, obstacles: Rect[]): number {
  for (let attempt = 0; attempt < 9; attempt++) {
    const shift = Math.ceil(attempt / 2) * LABEL_HEIGHT * (attempt % 2 === 1 ? -1 : 1);
    const box = { x: x - width / 2, y: y + shift - LABEL_HEIGHT + 3, width, height: LABEL_HEIGHT };
    if (!obstacles.some((o) => intersects(o, box))) {
      obstacles.push(box);
      return y + shift;
    }
  }
  obstacles.push({ x: x - width / 2, y: y - LABEL_HEIGHT + 3, width, height: LABEL_HEIGHT });
  return y;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The SVG's stylesheet (the report inlines it). */
export const TOPOLOGY_CSS = `
.topology { max-width: 100%; height: auto; font-family: inherit; }
.topology .region rect { fill: #f8fafc; stroke: #94a3b8; stroke-width: 1.5; }
.topology .region text { font-size: 15px; font-weight: 600; fill: #334155; }
.topology .vpc rect { fill: #ffffff; stroke: #1e3a8a; stroke-width: 1.5; }
.topology .vpc-name { font-size: 14px; font-weight: 600; fill: #0f172a; }
.topology .vpc-cidr { font-size: 12px; fill: #475569; font-family: ui-monospace, Menlo, Consolas, monospace; }
.topology .peering path { fill: none; stroke: #2563eb; stroke-width: 2.5; }
.topology .peering-label { font-size: 12px; fill: #1e293b; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.topology .peering.cross-region path { stroke: #d97706; stroke-width: 4.5; }
.topology .peering.state-pending path { stroke-dasharray: 9 6; }
.topology .peering.state-expired path, .topology .peering.state-rejected path { stroke: #9ca3af; stroke-dasharray: 3 5; stroke-width: 2; }
.topology .region-node rect { fill: #ffffff; stroke: #1e3a8a; stroke-width: 1.5; }
.topology .region-node.has-error rect { stroke: #dc2626; stroke-width: 3; }
.topology .region-name { font-size: 14px; font-weight: 600; fill: #0f172a; }
.topology .region-facts { font-size: 12px; fill: #475569; }
.topology .region-mark { font-size: 12px; font-weight: 600; fill: #b91c1c; }
.topology .region-node.clean .region-mark { fill: #b45309; font-weight: 400; }
.topology .bundle line { stroke: #2563eb; stroke-opacity: 0.55; stroke-linecap: round; }
.topology .bundle.has-error line { stroke: #dc2626; stroke-opacity: 0.8; }
.topology .bundle-label { font-size: 12px; fill: #1e293b; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.topology .bundle-label.has-error { fill: #b91c1c; font-weight: 600; }
.topology .ccn-hub rect { fill: #ecfeff; stroke: #0e7490; stroke-width: 2; }
.topology .ccn-name { font-size: 14px; font-weight: 600; fill: #164e63; }
.topology .ccn-facts { font-size: 11px; fill: #475569; }
.topology .ccn-link line { stroke: #0e7490; stroke-width: 2; stroke-opacity: 0.8; }
.topology .ccn-link.state-pending line { stroke-dasharray: 9 6; }
.topology .ccn-link.state-rejected line, .topology .ccn-link.state-expired line { stroke: #9ca3af; stroke-dasharray: 3 5; }
`;
