/**
 * What the canvas draws for a plan: one compound node per region, one node per VPC (name,
 * CIDRs, account, subnets), one edge per peering, one hub node per CCN outside the regions with
 * an edge to each attached VPC, each with the classes the stylesheet keys on (state,
 * cross-region, cross-account, error and warning marks, invalid or shadowed CCN routes). Pure:
 * plan in, descriptors out; `Canvas.svelte` diffs them against what Cytoscape holds.
 */
import { CCN_QOS_NAMES } from '../../../shared/edit/ccn-workflow';
import type { Account, Ccn, CcnAttachment, Peering, Plan, Vpc } from '../../../shared/plan/model';
import { ccnAttachmentId, routeId } from '../../../shared/plan/model';
import { effectivePeeringState, isCrossRegion } from '../../../shared/plan/peering';
import type { Finding } from '../../../shared/rules/finding';
import { regionDisplayName } from './regions';

/** Elements above which the performance options are on (here, not in canvas-view, so the page can read it before Cytoscape loads). */
export const LARGE_PLAN_ELEMENTS = 600;

export interface ElementDescriptor {
  readonly group: 'nodes' | 'edges';
  readonly data: {
    readonly id: string;
    readonly label: string;
    readonly parent?: string;
    readonly source?: string;
    readonly target?: string;
    readonly height?: number;
    /** Lean mode: the VPC's region backdrop (VPCs are not children of their region there). */
    readonly region?: string;
    /** Lean mode: the peerings a bundle edge stands for. */
    readonly count?: number;
  };
  readonly classes: string;
  /** Changes whenever anything drawn changes: the diff compares only this. */
  readonly signature: string;
}

/** Account colours: distinct hues, legible on light and dark backgrounds. */
export const ACCOUNT_PALETTE = [
  '#2f7de1',
  '#d9822b',
  '#12a37f',
  '#b45ad6',
  '#d6456a',
  '#6f8f1f',
  '#1f9bb8',
  '#9a6b3c',
];

export const REGION_PREFIX = 'region:';

/**
 * VPCs above which the canvas draws in lean mode: regions as plain backdrops instead of compound
 * nodes, one-line labels of a fixed-size node, positions on a grid per region. Compound nodes and
 * wrapped, measured labels cost Cytoscape seconds on a plan of thousands of VPCs.
 */
export const LEAN_PLAN_VPCS = 300;
/** The fixed height of a VPC node in lean mode. */
export const LEAN_VPC_HEIGHT = 44;

export function isLeanPlan(plan: Plan | null | undefined): boolean {
  return plan !== null && plan !== undefined && plan.vpcs.length > LEAN_PLAN_VPCS;
}
const MAX_SUBNET_LINES = 4;
const LINE_HEIGHT = 15;

export function regionNodeId(region: string): string {
  return `${REGION_PREFIX}${region}`;
}

/** Each account's index into the palette (by its position in the plan). */
export function accountColorIndex(accounts: readonly Account[]): Map<string, number> {
  const indices = new Map<string, number>();
  accounts.forEach((account, index) => indices.set(account.id, index % ACCOUNT_PALETTE.length));
  return indices;
}

function marks(
  id: string,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findingsBySubject.get(id) ?? []) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** Errors and warnings that name the VPC or a part of it, each finding counted once. */
export function vpcMarks(
  vpc: Vpc,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): { errors: number; warnings: number } {
  const seen = new Set<Finding>();
  const add = (id: string): void => {
    for (const f of findingsBySubject.get(id) ?? []) seen.add(f);
  };
  add(vpc.id);
  for (const subnet of vpc.subnets) add(subnet.id);
  for (const table of vpc.routeTables) {
    add(table.id);
    for (let index = 0; index < table.routes.length; index++) add(routeId(table.id, index));
  }
  let errors = 0;
  let warnings = 0;
  for (const f of seen) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function markText(errors: number, warnings: number): string {
  const parts: string[] = [];
  if (errors > 0) parts.push(`✖ ${plural(errors, 'error')}`);
  if (warnings > 0) parts.push(`▲ ${plural(warnings, 'warning')}`);
  return parts.join('  ');
}

function vpcLines(vpc: Vpc, account: Account | undefined, detailed: boolean): string[] {
  const lines = [vpc.name || vpc.id, [vpc.cidr, ...vpc.secondaryCidrs].join(', ')];
  const accountName = account ? account.name || account.id : `${vpc.account} (unknown)`;
  lines.push(account && !account.own ? `⇄ ${accountName} · other account` : accountName);
  if (detailed) {
    for (const subnet of vpc.subnets.slice(0, MAX_SUBNET_LINES))
      lines.push(`▸ ${subnet.name || subnet.id}  ${subnet.cidr}`);
    if (vpc.subnets.length > MAX_SUBNET_LINES)
      lines.push(`  + ${vpc.subnets.length - MAX_SUBNET_LINES} more subnets`);
  }
  return lines;
}

export interface DescribeOptions {
  /** Subnet lines inside VPC nodes; off for very large plans to keep drawing fast. */
  readonly subnets: boolean;
  /** Lean mode (see LEAN_PLAN_VPCS): no compound regions, one-line VPC labels. */
  readonly lean?: boolean;
}

export function describePlan(
  plan: Plan,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
  options: DescribeOptions = { subnets: true },
): ElementDescriptor[] {
  const accounts = new Map(plan.accounts.map((a) => [a.id, a]));
  const colorIndex = accountColorIndex(plan.accounts);
  const out: ElementDescriptor[] = [];
  const regions = new Set<string>();
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) {
    regions.add(vpc.region);
    if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  }
  const lean = options.lean ?? false;
  for (const region of [...regions].sort()) {
    const label = regionDisplayName(region);
    out.push({
      group: 'nodes',
      data: { id: regionNodeId(region), label },
      classes: lean ? 'region backdrop' : 'region',
      signature: label,
    });
  }
  for (const vpc of vpcById.values()) {
    const account = accounts.get(vpc.account);
    const lines = vpcLines(vpc, account, options.subnets && !lean);
    // Marks count the findings on the VPC or any of its subnets, route tables and routes: each
    // finding once, however many of them it names.
    const { errors, warnings } = vpcMarks(vpc, findingsBySubject);
    const mark = markText(errors, warnings);
    if (mark) lines.push(mark);
    const classes = ['vpc'];
    const color = colorIndex.get(vpc.account);
    if (color !== undefined) classes.push(`account-${color}`);
    if (account && !account.own) classes.push('foreign');
    if (!account) classes.push('unknown-account');
    if (errors > 0) classes.push('has-error');
    else if (warnings > 0) classes.push('has-warning');
    // Lean: name and CIDR on one line (errors and warnings show as the border colour).
    const label = lean ? `${lines[0]}  ${vpc.cidr}` : lines.join('\n');
    const height = lean ? LEAN_VPC_HEIGHT : 18 + lines.length * LINE_HEIGHT;
    const classText = classes.join(' ');
    const placement = lean ? { region: regionNodeId(vpc.region) } : { parent: regionNodeId(vpc.region) };
    out.push({
      group: 'nodes',
      data: { id: vpc.id, label, ...placement, height },
      classes: classText,
      signature: `${label}|${classText}|${vpc.region}`,
    });
  }
  for (const peering of plan.peerings) {
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    if (!requester || !accepter) continue; // REF_UNKNOWN: listed in Findings, nothing to draw
    out.push(describePeering(plan, peering, requester, accepter, findingsBySubject));
  }
  if (plan.ccns.length > 0) out.push(...describeCcns(plan, vpcById, findingsBySubject));
  return out;
}

/** The class that makes a node a CCN hub (first in its class list). */
export const HUB_CLASS = 'ccn';

export function isHub(d: ElementDescriptor): boolean {
  return d.group === 'nodes' && d.classes.split(' ', 1)[0] === HUB_CLASS;
}

/** A CCN's published CIDR invalid by a conflict: subjects the CCN, the later VPC, the earlier one. */
const CONFLICT_CODE: string = 'CCN_ROUTE_CONFLICT';
/** A CCN route not effective in a table: subjects the table, the plan route, the CCN. */
const SHADOWED_CODE: string = 'CCN_ROUTE_SHADOWED';

/** What marks an attachment edge: its own findings, and the CCN findings about its VPC's routes. */
export interface AttachmentMarks {
  readonly errors: number;
  readonly warnings: number;
  /** Its VPC publishes a CIDR that an earlier member published: that route is invalid. */
  readonly invalid: number;
  /** A CCN route in its VPC's tables is not effective (a plan route has its destination). */
  readonly shadowed: number;
}

/**
 * The marks of every attachment of the plan's CCNs, by attachment ID: one pass over the CCN
 * findings (found under the CCN IDs), not a search per attachment.
 */
export function attachmentMarks(
  plan: Plan,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): Map<string, AttachmentMarks> {
  const tableOwner = new Map<string, string>();
  const marks = new Map<string, { errors: number; warnings: number; invalid: number; shadowed: number }>();
  const entry = (id: string) => {
    let m = marks.get(id);
    if (!m) marks.set(id, (m = { errors: 0, warnings: 0, invalid: 0, shadowed: 0 }));
    return m;
  };
  for (const ccn of plan.ccns) {
    const members = new Set(ccn.attachments.map((a) => a.vpc));
    for (const attachment of ccn.attachments) {
      const id = ccnAttachmentId(ccn.id, attachment.vpc);
      const m = entry(id);
      for (const f of findingsBySubject.get(id) ?? []) {
        if (f.severity === 'error') m.errors++;
        else if (f.severity === 'warning') m.warnings++;
      }
    }
    for (const f of findingsBySubject.get(ccn.id) ?? []) {
      if (f.code === CONFLICT_CODE) {
        const later = f.subjects[1];
        if (later !== undefined && members.has(later)) {
          const m = entry(ccnAttachmentId(ccn.id, later));
          m.invalid++;
          m.warnings++;
        }
      } else if (f.code === SHADOWED_CODE) {
        if (tableOwner.size === 0)
          for (const vpc of plan.vpcs) for (const table of vpc.routeTables) tableOwner.set(table.id, vpc.id);
        const owner = tableOwner.get(f.subjects[0] ?? '');
        if (owner !== undefined && members.has(owner)) {
          const m = entry(ccnAttachmentId(ccn.id, owner));
          m.shadowed++;
          m.warnings++;
        }
      }
    }
  }
  return marks;
}

const NO_MARKS: AttachmentMarks = { errors: 0, warnings: 0, invalid: 0, shadowed: 0 };

function describeCcns(
  plan: Plan,
  vpcById: ReadonlyMap<string, Vpc>,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): ElementDescriptor[] {
  const out: ElementDescriptor[] = [];
  const edgeMarks = attachmentMarks(plan, findingsBySubject);
  const seen = new Set<string>();
  for (const ccn of plan.ccns) {
    if (seen.has(ccn.id) || vpcById.has(ccn.id)) continue; // a duplicate ID: listed in Findings
    seen.add(ccn.id);
    out.push(describeHub(ccn, findingsBySubject));
    for (const attachment of ccn.attachments) {
      if (!vpcById.has(attachment.vpc)) continue; // REF_UNKNOWN
      out.push(describeAttachment(ccn, attachment, edgeMarks.get(ccnAttachmentId(ccn.id, attachment.vpc))));
    }
  }
  return out;
}

function describeHub(
  ccn: Ccn,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): ElementDescriptor {
  const { errors, warnings } = marks(ccn.id, findingsBySubject);
  const active = ccn.attachments.filter((a) => a.state === 'active').length;
  const lines = [
    `CCN ${ccn.name || ccn.id}`,
    `${plural(active, 'member')}${ccn.attachments.length > active ? ` (+${ccn.attachments.length - active} not active)` : ''}`,
    `${CCN_QOS_NAMES[ccn.qosLevel]} · ${ccn.chargeType}`,
  ];
  const mark = markText(errors, warnings);
  if (mark) lines.push(mark);
  const classes = [HUB_CLASS];
  if (errors > 0) classes.push('has-error');
  else if (warnings > 0) classes.push('has-warning');
  const label = lines.join('\n');
  const classText = classes.join(' ');
  return {
    group: 'nodes',
    data: { id: ccn.id, label },
    classes: classText,
    signature: `${label}|${classText}`,
  };
}

function describeAttachment(
  ccn: Ccn,
  attachment: CcnAttachment,
  edgeMarks: AttachmentMarks = NO_MARKS,
): ElementDescriptor {
  const id = ccnAttachmentId(ccn.id, attachment.vpc);
  const classes = ['ccn-attachment', `state-${attachment.state}`];
  if (attachment.publish === 'subnets') classes.push('publish-subnets');
  if (edgeMarks.invalid > 0) classes.push('route-invalid');
  if (edgeMarks.shadowed > 0) classes.push('route-shadowed');
  if (edgeMarks.errors > 0) classes.push('has-error');
  else if (edgeMarks.warnings > 0) classes.push('has-warning');
  const parts: string[] = [];
  if (attachment.state !== 'active') parts.push(attachment.state);
  if (edgeMarks.invalid > 0) parts.push('▲ route invalid (conflict)');
  if (edgeMarks.shadowed > 0) parts.push('▲ CCN route not effective');
  const other = edgeMarks.errors > 0 ? `✖ ${plural(edgeMarks.errors, 'error')}` : '';
  if (other) parts.push(other);
  const label = parts.join('\n');
  const classText = classes.join(' ');
  return {
    group: 'edges',
    data: { id, label, source: ccn.id, target: attachment.vpc },
    classes: classText,
    signature: `${label}|${classText}|${ccn.id}|${attachment.vpc}`,
  };
}

function describePeering(
  plan: Plan,
  peering: Peering,
  requester: Vpc,
  accepter: Vpc,
  findingsBySubject: ReadonlyMap<string, readonly Finding[]>,
): ElementDescriptor {
  const state = effectivePeeringState(peering, plan.asOf);
  const crossRegion = isCrossRegion(requester, accepter);
  const { errors, warnings } = marks(peering.id, findingsBySubject);
  const classes = ['peering', `state-${state}`];
  if (crossRegion) classes.push('cross-region');
  if (errors > 0) classes.push('has-error');
  else if (warnings > 0) classes.push('has-warning');
  const name = peering.name || peering.id;
  const parts = [name.length > 26 ? `${name.slice(0, 25)}…` : name];
  if (crossRegion)
    parts.push(peering.bandwidthMbps !== undefined ? `${peering.bandwidthMbps} Mbps` : 'no bandwidth');
  if (state !== 'active') parts.push(state);
  const mark = markText(errors, warnings);
  const label = mark ? `${parts.join(' · ')}\n${mark}` : parts.join(' · ');
  const classText = classes.join(' ');
  return {
    group: 'edges',
    data: { id: peering.id, label, source: requester.id, target: accepter.id },
    classes: classText,
    signature: `${label}|${classText}|${requester.id}|${accepter.id}`,
  };
}

export const BUNDLE_PREFIX = 'bundle:';

/** What lean mode draws at overview zoom, and the peerings it draws only once zoomed in. */
export interface LeanOverview {
  /** Backdrops (labelled with their counts), VPCs, and one bundle edge per pair of regions. */
  readonly overview: ElementDescriptor[];
  /** Every peering edge: drawn only for the VPCs in view once zoomed in (see CanvasView). */
  readonly peerings: ElementDescriptor[];
}

/**
 * Lean mode's overview: thousands of VPC-to-VPC edges at a zoom where a VPC is a few pixels wide
 * are a hairball that costs seconds to draw, so the peerings between two regions are drawn as one
 * bundle edge between their backdrops, labelled with its count (and its marks), and each region's
 * backdrop counts its VPCs and the peerings inside it. Pure: the descriptors of
 * `describePlan(..., { lean: true })` in, the overview and the peering edges out.
 */
export function leanOverview(descriptors: readonly ElementDescriptor[]): LeanOverview {
  const regionOf = new Map<string, string>();
  const vpcsIn = new Map<string, number>();
  for (const d of descriptors) {
    if (d.group !== 'nodes' || d.data.region === undefined) continue;
    regionOf.set(d.data.id, d.data.region);
    vpcsIn.set(d.data.region, (vpcsIn.get(d.data.region) ?? 0) + 1);
  }
  const peerings: ElementDescriptor[] = [];
  const inside = new Map<string, number>();
  const bundles = new Map<
    string,
    { source: string; target: string; count: number; errors: number; warnings: number }
  >();
  for (const d of descriptors) {
    if (d.group !== 'edges') continue;
    peerings.push(d);
    const a = regionOf.get(d.data.source ?? '');
    const b = regionOf.get(d.data.target ?? '');
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      inside.set(a, (inside.get(a) ?? 0) + 1);
      continue;
    }
    const [source, target] = a < b ? [a, b] : [b, a];
    const key = `${source}|${target}`;
    let bundle = bundles.get(key);
    if (!bundle) bundles.set(key, (bundle = { source, target, count: 0, errors: 0, warnings: 0 }));
    bundle.count++;
    const classes = d.classes.split(' ');
    if (classes.includes('has-error')) bundle.errors++;
    else if (classes.includes('has-warning')) bundle.warnings++;
  }
  const overview: ElementDescriptor[] = [];
  for (const d of descriptors) {
    if (d.group !== 'nodes') continue;
    if (d.data.region !== undefined || !d.data.id.startsWith(REGION_PREFIX)) {
      overview.push(d);
      continue;
    }
    const label = `${d.data.label}\n${plural(vpcsIn.get(d.data.id) ?? 0, 'VPC')} · ${plural(inside.get(d.data.id) ?? 0, 'peering')} inside`;
    overview.push({ ...d, data: { ...d.data, label }, signature: `${d.signature}|${label}` });
  }
  for (const [key, bundle] of bundles) {
    const parts = [plural(bundle.count, 'peering')];
    if (bundle.errors > 0) parts.push(`✖ ${bundle.errors} with errors`);
    else if (bundle.warnings > 0) parts.push(`▲ ${bundle.warnings} with warnings`);
    const label = parts.join(' · ');
    const classes = ['bundle'];
    if (bundle.errors > 0) classes.push('has-error');
    else if (bundle.warnings > 0) classes.push('has-warning');
    const classText = classes.join(' ');
    overview.push({
      group: 'edges',
      data: {
        id: `${BUNDLE_PREFIX}${key}`,
        label,
        source: bundle.source,
        target: bundle.target,
        count: bundle.count,
      },
      classes: classText,
      signature: `${label}|${classText}`,
    });
  }
  return { overview, peerings };
}
