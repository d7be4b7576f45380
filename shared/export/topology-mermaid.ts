/**
 * The topology as a Mermaid flowchart, for the Markdown report. Code hosts (GitHub, GitLab)
 * render Mermaid with its default limits: at most 50,000 characters of diagram and 500 edges;
 * beyond them the reader sees an error instead of a picture. Well before them, a diagram of every
 * VPC is a hairball that takes the reader's browser many seconds to lay out (150 VPCs and 250
 * peerings: 13 s in the test's Chromium). So the plan is drawn VPC by VPC up to 100 VPCs and 150
 * peerings (and within the limits), and otherwise as regions, like the canvas's overview at low
 * zoom: one node per region, one edge per pair of regions with the number of peerings between
 * them and an error mark. CCNs are hubs in the VPC view, with an edge to each member (pending
 * dashed); the regions view counts them in a note.
 */
import { mermaidLabel } from './escape';
import type { Review } from './review';
import { formatCount, plural, regionTopology } from './review-digest';

/** Mermaid's defaults (`maxTextSize`, `maxEdges`): what GitHub and GitLab render with. */
export const MERMAID_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

/** Up to these sizes the diagram draws every VPC (legible, and laid out in a few seconds). */
export const MERMAID_VPC_VIEW_MAX = { vpcs: 100, peerings: 150 } as const;

export interface MermaidTopology {
  /** The diagram's code, without the fence. */
  readonly code: string;
  readonly view: 'vpcs' | 'regions';
  /** Nodes and edges drawn (the regions' subgraphs are not nodes). */
  readonly nodes: number;
  readonly edges: number;
  /** Region pairs left out of the regions view to stay within the limits (normally 0). */
  readonly pairsLeftOut: number;
}

const fits = (code: string, edges: number) =>
  code.length <= MERMAID_LIMITS.maxTextSize && edges <= MERMAID_LIMITS.maxEdges;

export function mermaidTopology(review: Review): MermaidTopology {
  if (
    review.plan.vpcs.length <= MERMAID_VPC_VIEW_MAX.vpcs &&
    review.peerings.length <= MERMAID_VPC_VIEW_MAX.peerings
  ) {
    const vpcs = mermaidVpcTopology(review);
    // Long names can still make the text too long.
    if (fits(vpcs.code, vpcs.edges)) return vpcs;
  }
  return mermaidRegionTopology(review);
}

const ERROR_COLOR = '#dc2626';
const WARNING_COLOR = '#d97706';
const CCN_COLOR = '#0e7490';

/** Every VPC inside its region's subgraph, every peering as an edge styled by state and kind. */
export function mermaidVpcTopology(review: Review): MermaidTopology {
  const lines = ['flowchart LR'];
  const nodeOf = new Map<string, string>();
  review.regions.forEach((region, r) => {
    lines.push(`  subgraph r${r}["${mermaidLabel(`${region.name} (${region.id})`)}"]`);
    for (const vpc of region.vpcs) {
      const node = `v${nodeOf.size}`;
      nodeOf.set(vpc.id, node);
      // One line: with a <br/> in a label, Mermaid decodes its entities before it looks for
      // math ($$…$$) and icons (fa:…), and a name could use them.
      lines.push(`    ${node}["${mermaidLabel(`${vpc.name} · ${vpc.cidr}`)}"]`);
    }
    lines.push('  end');
  });
  const linkStyles: string[] = [];
  let edges = 0;
  for (const p of review.peerings) {
    const a = nodeOf.get(p.peering.requester);
    const b = nodeOf.get(p.peering.accepter);
    if (!a || !b) continue;
    const label = mermaidLabel(`${p.peering.name} (${p.state})`);
    const live = p.state === 'active' || p.state === 'pending';
    const arrow = p.state === 'active' ? (p.crossRegion ? '===' : '---') : '-.-';
    lines.push(`  ${a} ${arrow}|"${label}"| ${b}`);
    if (!live) linkStyles.push(`  linkStyle ${edges} stroke:#9ca3af,color:#6b7280`);
    else if (p.crossRegion) linkStyles.push(`  linkStyle ${edges} stroke:${WARNING_COLOR},stroke-width:3px`);
    edges++;
  }
  // CCNs as hubs (a circle each) with an edge to every member: active solid, pending dashed,
  // rejected and expired dashed grey.
  let hubs = 0;
  for (const c of review.ccns) {
    const hub = `c${hubs++}`;
    lines.push(`  ${hub}(("${mermaidLabel(`${c.ccn.name} · CCN ${c.ccn.id}`)}"))`);
    for (const m of c.members) {
      const node = nodeOf.get(m.attachment.vpc);
      if (!node) continue;
      const state = m.attachment.state;
      lines.push(
        `  ${hub} ${state === 'active' ? '---' : '-.-'}|"${mermaidLabel(`${m.order}. ${state}`)}"| ${node}`,
      );
      if (state === 'rejected' || state === 'expired')
        linkStyles.push(`  linkStyle ${edges} stroke:#9ca3af,color:#6b7280`);
      else linkStyles.push(`  linkStyle ${edges} stroke:${CCN_COLOR}`);
      edges++;
    }
  }
  if (hubs > 0) {
    lines.push(`  classDef ccn fill:#ecfeff,stroke:${CCN_COLOR},stroke-width:2px`);
    lines.push(`  class ${Array.from({ length: hubs }, (_, i) => `c${i}`).join(',')} ccn`);
  }
  lines.push(...linkStyles);
  return { code: lines.join('\n'), view: 'vpcs', nodes: nodeOf.size + hubs, edges, pairsLeftOut: 0 };
}

/** Region names longer than this are cut (with `…`) in the regions view. */
const REGION_LABEL_MAX = 60;

function markText(errors: number, warnings: number): string {
  if (errors > 0) return `✖ ${formatCount(errors)} with errors`;
  if (warnings > 0) return `▲ ${formatCount(warnings)} with warnings`;
  return '';
}

/**
 * Regions as nodes (with their VPCs and the peerings inside them), one edge per pair of regions.
 * Pairs are drawn most peerings first; should there be more than Mermaid allows (over 32 regions
 * all peered with each other), the smallest are left out and counted.
 */
export function mermaidRegionTopology(review: Review): MermaidTopology {
  const topology = regionTopology(review);
  const head = ['flowchart LR'];
  const classes: string[] = [];
  topology.regions.forEach((region, r) => {
    const title = `${region.name} (${region.id})`;
    const cut = title.length > REGION_LABEL_MAX ? `${title.slice(0, REGION_LABEL_MAX - 1)}…` : title;
    const facts = `${plural(region.vpcs, 'VPC')} · ${plural(region.inside, 'peering')} inside`;
    const mark = markText(region.insideErrors, region.insideWarnings);
    head.push(`  r${r}["${mermaidLabel([cut, facts, ...(mark ? [mark] : [])].join(' · '))}"]`);
    if (region.insideErrors > 0) classes.push(`r${r}`);
  });
  if (classes.length > 0) {
    head.push(`  classDef hasError stroke:${ERROR_COLOR},stroke-width:3px`);
    head.push(`  class ${classes.join(',')} hasError`);
  }
  let length = head.join('\n').length;
  if (length > MERMAID_LIMITS.maxTextSize) {
    // Thousands of region names (unknown regions, REGION_UNKNOWN): no diagram can hold them.
    const note = `${plural(topology.regions.length, 'region')}: too many to draw`;
    return {
      code: `flowchart LR\n  r0["${mermaidLabel(note)}"]`,
      view: 'regions',
      nodes: 1,
      edges: 0,
      pairsLeftOut: topology.pairs.length,
    };
  }
  const edgeLines: string[] = [];
  const styleLines: string[] = [];
  let drawn = 0;
  for (const pair of topology.pairs) {
    const mark = markText(pair.errors, pair.warnings);
    const label = mermaidLabel(`${plural(pair.peerings, 'peering')}${mark ? ` · ${mark}` : ''}`);
    const edge = `  r${pair.a} ---|"${label}"| r${pair.b}`;
    const style =
      pair.errors > 0
        ? `  linkStyle ${drawn} stroke:${ERROR_COLOR},stroke-width:3px,color:${ERROR_COLOR}`
        : pair.warnings > 0
          ? `  linkStyle ${drawn} stroke:${WARNING_COLOR},stroke-width:2px`
          : '';
    const added = edge.length + 1 + (style ? style.length + 1 : 0);
    if (drawn + 1 > MERMAID_LIMITS.maxEdges || length + added > MERMAID_LIMITS.maxTextSize) break;
    edgeLines.push(edge);
    if (style) styleLines.push(style);
    length += added;
    drawn++;
  }
  return {
    code: [...head, ...edgeLines, ...styleLines].join('\n'),
    view: 'regions',
    nodes: topology.regions.length,
    edges: drawn,
    pairsLeftOut: topology.pairs.length - drawn,
  };
}
