/**
 * What changed from plan A to plan B, and what follows from it: the objects added, removed and
 * changed (plan settings, accounts, VPCs, CIDRs, subnets, route tables, routes, peerings, traffic,
 * prices), the findings B introduces and resolves, the subnet pairs whose reachability changes,
 * and the monthly cost change per paying account. Pure: the command line prints it, the app can
 * show it next to a revision.
 *
 * Identity: objects by ID; a CCN attachment by `<ccnId>@<vpcId>`; CCN traffic by its CCN and
 * region pair; a secondary CIDR by its VPC and value; a route (routes have no ID) by
 * its table and destination, so inserting a route does not show every later route as changed (two
 * routes with one destination, a ROUTE_DUPLICATE, pair up in order). A finding by its code and
 * subjects, so a reworded message is not a new finding.
 */
import type { CostReport } from '../cost/costs';
import { computeCosts } from '../cost/costs';
import type {
  Account,
  Ccn,
  CcnAttachment,
  Peering,
  Plan,
  PriceCatalog,
  PriceTier,
  Route,
  RouteTable,
  Subnet,
  Vpc,
} from '../plan/model';
import { ccnAttachmentId, routeId } from '../plan/model';
import type { ReachPair, ReachStatus } from '../reach/reachability';
import { computeReachability } from '../reach/reachability';
import type { Finding } from '../rules/finding';
import { sortFindings } from '../rules/finding';
import { validatePlan } from '../rules/validate';

export type DiffObjectKind =
  | 'plan'
  | 'account'
  | 'vpc'
  | 'cidr'
  | 'subnet'
  | 'routeTable'
  | 'route'
  | 'peering'
  | 'ccn'
  | 'ccnAttachment'
  | 'traffic'
  | 'prices';

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  readonly field: string;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

export interface ObjectChange {
  readonly object: DiffObjectKind;
  readonly change: 'added' | 'removed' | 'changed';
  /** The object's ID (a route: `<routeTableId>#<index>` in the plan that has it; B's when both). */
  readonly id: string;
  /** For people: what the object is (`10.0.1.0/24 via peering pcx-1`). */
  readonly label: string;
  /** For `changed`: each field that differs. */
  readonly fields: readonly FieldChange[];
}

export interface ReachChange {
  readonly from: string;
  readonly to: string;
  /** null: the pair does not exist in that plan (a subnet added or removed). */
  readonly before: ReachStatus | null;
  readonly after: ReachStatus | null;
  readonly viaBefore: string | null;
  readonly viaAfter: string | null;
}

export interface PayerCostChange {
  readonly account: string;
  /** CNY per month; null: on request. An account that pays nothing in a plan has 0 there. */
  readonly before: number | null;
  readonly after: number | null;
  readonly change: number | null;
}

export interface PlanDiff {
  readonly changes: readonly ObjectChange[];
  readonly findings: { readonly introduced: readonly Finding[]; readonly resolved: readonly Finding[] };
  readonly reachability: readonly ReachChange[];
  readonly costs: {
    readonly currency: 'CNY';
    readonly month: string | null;
    /** Peerings, in CNY. */
    readonly payers: readonly PayerCostChange[];
    /** CCNs, in USD per month (spec/ccn.md): never summed with the CNY above. */
    readonly ccn: { readonly currency: 'USD'; readonly payers: readonly PayerCostChange[] };
  };
  readonly summary: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    readonly findingsIntroduced: number;
    readonly findingsResolved: number;
    readonly errorsIntroduced: number;
    readonly reachabilityChanges: number;
  };
}

export interface PlanDiffInput {
  /** Already computed analyses, when the caller has them (the app keeps them per revision). */
  readonly findingsA?: readonly Finding[];
  readonly findingsB?: readonly Finding[];
}

export function diffPlans(a: Plan, b: Plan, input: PlanDiffInput = {}): PlanDiff {
  const changes = diffObjects(a, b);
  const findings = diffFindings(input.findingsA ?? validatePlan(a), input.findingsB ?? validatePlan(b));
  const reachability = diffReachability(a, b);
  const costs = diffCosts(a, b);
  const count = (c: ObjectChange['change']) => changes.filter((x) => x.change === c).length;
  return {
    changes,
    findings,
    reachability,
    costs,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      findingsIntroduced: findings.introduced.length,
      findingsResolved: findings.resolved.length,
      errorsIntroduced: findings.introduced.filter((f) => f.severity === 'error').length,
      reachabilityChanges: reachability.length,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Objects

function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

function fieldChanges<T>(
  before: T,
  after: T,
  fields: readonly [string, (x: T) => FieldValue | undefined][],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, get] of fields) {
    const x = get(before) ?? null;
    const y = get(after) ?? null;
    if (x !== y) out.push({ field, before: x, after: y });
  }
  return out;
}

/** Added, removed and changed objects of one kind, matched by key, in A's order then B's new ones. */
function diffKeyed<T>(
  kind: DiffObjectKind,
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  describe: (item: T, key: string) => { id: string; label: string },
  compare: (x: T, y: T) => FieldChange[],
  out: ObjectChange[],
): void {
  for (const [key, x] of before) {
    const y = after.get(key);
    if (y === undefined) out.push({ object: kind, change: 'removed', ...describe(x, key), fields: [] });
    else {
      const fields = compare(x, y);
      if (fields.length > 0) out.push({ object: kind, change: 'changed', ...describe(y, key), fields });
    }
  }
  for (const [key, y] of after) {
    if (!before.has(key)) out.push({ object: kind, change: 'added', ...describe(y, key), fields: [] });
  }
}

const ACCOUNT_FIELDS: [string, (a: Account) => FieldValue][] = [
  ['name', (a) => a.name],
  ['own', (a) => a.own],
  ['trusted', (a) => a.trusted],
];
const VPC_FIELDS: [string, (v: Vpc) => FieldValue][] = [
  ['name', (v) => v.name],
  ['account', (v) => v.account],
  ['region', (v) => v.region],
  ['cidr', (v) => v.cidr],
  ['peeringQuota', (v) => v.peeringQuota],
];
const SUBNET_FIELDS: [string, (s: SubnetOf) => FieldValue | undefined][] = [
  ['vpc', (s) => s.vpc],
  ['name', (s) => s.subnet.name],
  ['cidr', (s) => s.subnet.cidr],
  ['zone', (s) => s.subnet.zone],
  ['routeTable', (s) => s.subnet.routeTable],
];
const TABLE_FIELDS: [string, (t: TableOf) => FieldValue][] = [
  ['vpc', (t) => t.vpc],
  ['name', (t) => t.table.name],
  ['default', (t) => t.table.default],
];
const ROUTE_FIELDS: [string, (r: RouteAt) => FieldValue | undefined][] = [
  ['nextHop', (r) => `${r.route.nextHop.type} ${r.route.nextHop.id}`],
  ['enabled', (r) => r.route.enabled],
  ['description', (r) => r.route.description],
];
const PEERING_FIELDS: [string, (p: Peering) => FieldValue | undefined][] = [
  ['name', (p) => p.name],
  ['requester', (p) => p.requester],
  ['accepter', (p) => p.accepter],
  ['state', (p) => p.state],
  ['requestedAt', (p) => p.requestedAt],
  ['bandwidthMbps', (p) => p.bandwidthMbps],
  ['bandwidthQuotaMbps', (p) => p.bandwidthQuotaMbps],
  ['chargeType', (p) => p.chargeType],
  ['expectedPeakMbps', (p) => p.expectedPeakMbps],
];
const CCN_FIELDS: [string, (c: Ccn) => FieldValue][] = [
  ['name', (c) => c.name],
  ['account', (c) => c.account],
  ['qosLevel', (c) => c.qosLevel],
  ['chargeType', (c) => c.chargeType],
  ['bandwidthLimitType', (c) => c.bandwidthLimitType],
  [
    'bandwidthLimits',
    (c) =>
      c.bandwidthLimits
        .map((l) => `${l.region}${l.dstRegion === undefined ? '' : `->${l.dstRegion}`}:${l.mbps}`)
        .sort()
        .join(' ') || null,
  ],
  [
    'expectedP95',
    (c) =>
      c.expectedP95
        .map((e) => `${[...e.regions].sort().join('~')}:${e.mbps}`)
        .sort()
        .join(' ') || null,
  ],
];
const CCN_ATTACHMENT_FIELDS: [string, (a: CcnAttachmentOf) => FieldValue | undefined][] = [
  ['state', (a) => a.attachment.state],
  ['attachedAt', (a) => a.attachment.attachedAt],
  ['publish', (a) => a.attachment.publish],
];
const PLAN_FIELDS: [string, (p: Plan) => FieldValue][] = [
  ['name', (p) => p.name],
  ['asOf', (p) => p.asOf],
  ['settings.freeBandwidthMbps', (p) => p.settings.freeBandwidthMbps],
  ['settings.billingTimeZone', (p) => p.settings.billingTimeZone],
];

interface CcnAttachmentOf {
  readonly ccn: string;
  readonly attachment: CcnAttachment;
}

/** Attachments by `<ccnId>@<vpcId>` (the first of a CCN's duplicate IDs, as everywhere). */
function ccnAttachmentsOf(plan: Plan): Map<string, CcnAttachmentOf> {
  const map = new Map<string, CcnAttachmentOf>();
  for (const ccn of firstById(plan.ccns).values())
    for (const attachment of ccn.attachments) {
      const id = ccnAttachmentId(ccn.id, attachment.vpc);
      if (!map.has(id)) map.set(id, { ccn: ccn.id, attachment });
    }
  return map;
}

interface SubnetOf {
  readonly vpc: string;
  readonly subnet: Subnet;
}
interface TableOf {
  readonly vpc: string;
  readonly table: RouteTable;
}
interface RouteAt {
  readonly table: string;
  readonly index: number;
  readonly route: Route;
}

function subnetsOf(plan: Plan): Map<string, SubnetOf> {
  const map = new Map<string, SubnetOf>();
  for (const vpc of plan.vpcs)
    for (const subnet of vpc.subnets) if (!map.has(subnet.id)) map.set(subnet.id, { vpc: vpc.id, subnet });
  return map;
}

function tablesOf(plan: Plan): Map<string, TableOf> {
  const map = new Map<string, TableOf>();
  for (const vpc of plan.vpcs)
    for (const table of vpc.routeTables) if (!map.has(table.id)) map.set(table.id, { vpc: vpc.id, table });
  return map;
}

/** Routes keyed by table, destination and the occurrence of that destination in the table. */
function routesOf(plan: Plan): Map<string, RouteAt> {
  const map = new Map<string, RouteAt>();
  for (const { table } of tablesOf(plan).values()) {
    const seen = new Map<string, number>();
    table.routes.forEach((route, index) => {
      const n = (seen.get(route.destination) ?? 0) + 1;
      seen.set(route.destination, n);
      map.set(`${table.id}\u0000${route.destination}\u0000${n}`, { table: table.id, index, route });
    });
  }
  return map;
}

function cidrsOf(plan: Plan): Map<string, { vpc: string; cidr: string }> {
  const map = new Map<string, { vpc: string; cidr: string }>();
  for (const vpc of plan.vpcs)
    for (const cidr of vpc.secondaryCidrs) map.set(`${vpc.id}\u0000${cidr}`, { vpc: vpc.id, cidr });
  return map;
}

/** Traffic per peering, as a count and a fingerprint of its samples. */
function trafficOf(plan: Plan): Map<string, { count: number; fingerprint: string }> {
  const samples = new Map<string, string[]>();
  for (const s of plan.traffic) {
    const line = `${s.at} ${s.inMbps} ${s.outMbps}`;
    const list = samples.get(s.peering);
    if (list) list.push(line);
    else samples.set(s.peering, [line]);
  }
  // CCN samples by CCN and region pair (`ccn-core ap-beijing~ap-guangzhou`).
  for (const s of plan.ccnTraffic) {
    const key = `${s.ccn} ${[...s.regions].sort().join('~')}`;
    const line = `${s.at} ${s.inMbps} ${s.outMbps}`;
    const list = samples.get(key);
    if (list) list.push(line);
    else samples.set(key, [line]);
  }
  const map = new Map<string, { count: number; fingerprint: string }>();
  for (const [peering, lines] of samples)
    map.set(peering, { count: lines.length, fingerprint: lines.sort().join('\n') });
  return map;
}

function formatTiers(tiers: readonly PriceTier[] | undefined): string | null {
  if (!tiers) return null;
  return tiers
    .map(
      (t) => `${t.upToMbps === null ? '>' : `<=${t.upToMbps}`}:${t.price === null ? 'on request' : t.price}`,
    )
    .join(' ');
}

/** The catalog as comparable fields: `builtin` when the plan has none. */
function priceFields(catalog: PriceCatalog | null): Map<string, string | null> {
  const fields = new Map<string, string | null>();
  if (catalog === null) {
    fields.set('catalog', 'built-in');
    return fields;
  }
  fields.set('catalog', 'plan');
  fields.set('mainlandRegions', [...catalog.mainlandRegions].sort().join(' '));
  fields.set('mainland.dailyPeak', formatTiers(catalog.mainland.dailyPeak));
  fields.set('mainland.monthlyP95', formatTiers(catalog.mainland.monthlyP95));
  for (const pair of catalog.pairs) {
    const key = [...pair.regions].sort().join('~');
    fields.set(`pairs[${key}].dailyPeak`, formatTiers(pair.dailyPeak));
    fields.set(`pairs[${key}].monthlyP95`, formatTiers(pair.monthlyP95));
  }
  const ccn = catalog.ccn;
  if (ccn) {
    fields.set(
      'ccn.instanceHourMainland',
      ccn.instanceHourMainland === undefined ? null : String(ccn.instanceHourMainland),
    );
    fields.set(
      'ccn.instanceHourOther',
      ccn.instanceHourOther === undefined ? null : String(ccn.instanceHourOther),
    );
    for (const pair of ccn.pairs) {
      const key = `${[...pair.regions].sort().join('~')}${pair.qosLevel ? ` ${pair.qosLevel}` : ''}${pair.chargeType ? ` ${pair.chargeType}` : ''}`;
      fields.set(`ccn.pairs[${key}].monthly`, formatTiers(pair.monthly));
    }
  }
  return fields;
}

function diffObjects(a: Plan, b: Plan): ObjectChange[] {
  const out: ObjectChange[] = [];
  const planFields = fieldChanges(a, b, PLAN_FIELDS);
  if (planFields.length > 0)
    out.push({ object: 'plan', change: 'changed', id: b.name, label: 'plan', fields: planFields });

  diffKeyed(
    'account',
    firstById(a.accounts),
    firstById(b.accounts),
    (x) => ({ id: x.id, label: `account ${x.name}` }),
    (x, y) => fieldChanges(x, y, ACCOUNT_FIELDS),
    out,
  );
  diffKeyed(
    'vpc',
    firstById(a.vpcs),
    firstById(b.vpcs),
    (v) => ({ id: v.id, label: `${v.name} ${v.cidr} (${v.region})` }),
    (x, y) => fieldChanges(x, y, VPC_FIELDS),
    out,
  );
  diffKeyed(
    'cidr',
    cidrsOf(a),
    cidrsOf(b),
    (c) => ({ id: `${c.vpc} ${c.cidr}`, label: `secondary CIDR ${c.cidr} of ${c.vpc}` }),
    () => [],
    out,
  );
  diffKeyed(
    'subnet',
    subnetsOf(a),
    subnetsOf(b),
    (s) => ({ id: s.subnet.id, label: `${s.subnet.name} ${s.subnet.cidr} in ${s.vpc}` }),
    (x, y) => fieldChanges(x, y, SUBNET_FIELDS),
    out,
  );
  diffKeyed(
    'routeTable',
    tablesOf(a),
    tablesOf(b),
    (t) => ({ id: t.table.id, label: `${t.table.name} in ${t.vpc}` }),
    (x, y) => fieldChanges(x, y, TABLE_FIELDS),
    out,
  );
  diffKeyed(
    'route',
    routesOf(a),
    routesOf(b),
    (r) => ({
      id: routeId(r.table, r.index),
      label: `${r.route.destination} via ${r.route.nextHop.type} ${r.route.nextHop.id}`,
    }),
    (x, y) => fieldChanges(x, y, ROUTE_FIELDS),
    out,
  );
  diffKeyed(
    'peering',
    firstById(a.peerings),
    firstById(b.peerings),
    (p) => ({ id: p.id, label: `${p.name}: ${p.requester} -> ${p.accepter} (${p.state})` }),
    (x, y) => fieldChanges(x, y, PEERING_FIELDS),
    out,
  );
  diffKeyed(
    'ccn',
    firstById(a.ccns),
    firstById(b.ccns),
    (c) => ({
      id: c.id,
      label: `CCN ${c.name} (${c.qosLevel}, ${c.chargeType}, ${c.attachments.length} attachments)`,
    }),
    (x, y) => fieldChanges(x, y, CCN_FIELDS),
    out,
  );
  diffKeyed(
    'ccnAttachment',
    ccnAttachmentsOf(a),
    ccnAttachmentsOf(b),
    (x, id) => ({ id, label: `${x.attachment.vpc} on CCN ${x.ccn} (${x.attachment.state})` }),
    (x, y) => fieldChanges(x, y, CCN_ATTACHMENT_FIELDS),
    out,
  );
  diffKeyed(
    'traffic',
    trafficOf(a),
    trafficOf(b),
    (t, peering) => ({ id: peering, label: `${t.count} traffic samples of ${peering}` }),
    (x, y) =>
      x.fingerprint === y.fingerprint ? [] : [{ field: 'samples', before: x.count, after: y.count }],
    out,
  );
  const pricesA = priceFields(a.prices);
  const pricesB = priceFields(b.prices);
  const priceChanges: FieldChange[] = [];
  for (const field of new Set([...pricesA.keys(), ...pricesB.keys()])) {
    const x = pricesA.get(field) ?? null;
    const y = pricesB.get(field) ?? null;
    if (x !== y) priceChanges.push({ field, before: x, after: y });
  }
  if (priceChanges.length > 0)
    out.push({
      object: 'prices',
      change: 'changed',
      id: 'prices',
      label: 'price catalog',
      fields: priceChanges,
    });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings

function findingKey(f: Finding): string {
  return `${f.code}\u0000${[...f.subjects].sort().join('\u0001')}`;
}

/** Multiset difference by code and subjects. */
function diffFindings(before: readonly Finding[], after: readonly Finding[]): PlanDiff['findings'] {
  const remaining = new Map<string, number>();
  for (const f of before) remaining.set(findingKey(f), (remaining.get(findingKey(f)) ?? 0) + 1);
  const introduced: Finding[] = [];
  for (const f of after) {
    const key = findingKey(f);
    const n = remaining.get(key) ?? 0;
    if (n > 0) remaining.set(key, n - 1);
    else introduced.push(f);
  }
  const unmatchedAfter = new Map<string, number>();
  for (const f of after) unmatchedAfter.set(findingKey(f), (unmatchedAfter.get(findingKey(f)) ?? 0) + 1);
  const resolved: Finding[] = [];
  for (const f of before) {
    const key = findingKey(f);
    const n = unmatchedAfter.get(key) ?? 0;
    if (n > 0) unmatchedAfter.set(key, n - 1);
    else resolved.push(f);
  }
  return { introduced: sortFindings(introduced), resolved: sortFindings(resolved) };
}

// ---------------------------------------------------------------------------------------------
// Reachability

/**
 * Pairs of subnets in VPCs that are neither peered nor attached to one CCN are unreachable by
 * construction, so only pairs of connected VPCs are computed (in either plan: a CCN attachment
 * added, accepted or conflicting shows here as a peering does); a pair missing from one side whose subnets both exist
 * there is unreachable on that side. A pair that is only in one plan because a subnet was added or
 * removed is listed only when it is not unreachable there: an unconnected new subnet is no change.
 */
function diffReachability(a: Plan, b: Plan): ReachChange[] {
  const pairsA = keyedPairs(computeReachability(a, { scope: 'connected' }));
  const pairsB = keyedPairs(computeReachability(b, { scope: 'connected' }));
  const subnetsA = subnetsOf(a);
  const subnetsB = subnetsOf(b);
  const out: ReachChange[] = [];
  const keys = new Set([...pairsA.keys(), ...pairsB.keys()]);
  for (const key of keys) {
    const x = pairsA.get(key);
    const y = pairsB.get(key);
    const pair = (x ?? y)!;
    const existsA =
      subnetsA.has(pair.from) &&
      subnetsA.has(pair.to) &&
      subnetsA.get(pair.from)!.vpc !== subnetsA.get(pair.to)!.vpc;
    const existsB =
      subnetsB.has(pair.from) &&
      subnetsB.has(pair.to) &&
      subnetsB.get(pair.from)!.vpc !== subnetsB.get(pair.to)!.vpc;
    const before: ReachStatus | null = x?.status ?? (existsA ? 'unreachable' : null);
    const after: ReachStatus | null = y?.status ?? (existsB ? 'unreachable' : null);
    if (before === after) continue;
    if ((before === null && after === 'unreachable') || (after === null && before === 'unreachable'))
      continue;
    out.push({
      from: pair.from,
      to: pair.to,
      before,
      after,
      viaBefore: x?.via ?? null,
      viaAfter: y?.via ?? null,
    });
  }
  return out.sort((p, q) => (p.from === q.from ? compareText(p.to, q.to) : compareText(p.from, q.from)));
}

function keyedPairs(pairs: readonly ReachPair[]): Map<string, ReachPair> {
  return new Map(pairs.map((p) => [`${p.from}\u0000${p.to}`, p]));
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Costs

/** Monthly cost per paying account and currency; both plans priced for B's month, so the figures compare. */
function diffCosts(a: Plan, b: Plan): PlanDiff['costs'] {
  const reportB = computeCosts(b);
  const month =
    reportB.peerings.find((p) => p.monthly !== null)?.monthly?.month ??
    reportB.ccns.find((c) => c.monthly !== null)?.monthly?.month ??
    null;
  const reportA = month === null ? computeCosts(a) : computeCosts(a, { month });
  const changes = (currency: 'CNY' | 'USD'): PayerCostChange[] => {
    const before = monthlyByPayer(reportA, currency);
    const after = monthlyByPayer(reportB, currency);
    const payers: PayerCostChange[] = [];
    for (const account of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
      const x = before.has(account) ? before.get(account)! : 0;
      const y = after.has(account) ? after.get(account)! : 0;
      if (x === y) continue;
      payers.push({
        account,
        before: x,
        after: y,
        change: x === null || y === null ? null : roundFen(y - x),
      });
    }
    return payers;
  };
  return { currency: 'CNY', month, payers: changes('CNY'), ccn: { currency: 'USD', payers: changes('USD') } };
}

function monthlyByPayer(report: CostReport, currency: 'CNY' | 'USD'): Map<string, number | null> {
  return new Map(report.payers.filter((p) => p.currency === currency).map((p) => [p.account, p.monthlyCost]));
}

function roundFen(value: number): number {
  return Math.round(value * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// For people

function formatValue(value: FieldValue): string {
  if (value === null) return '(none)';
  return typeof value === 'string' ? value : String(value);
}

function formatMoney(value: number | null): string {
  return value === null ? 'on request' : value.toFixed(2);
}

const CHANGE_MARK = { added: '+', removed: '-', changed: '~' } as const;

/** The diff as text for a terminal or a review comment. */
export function formatPlanDiff(diff: PlanDiff, names: { a: string; b: string } = { a: 'A', b: 'B' }): string {
  const lines: string[] = [];
  const s = diff.summary;
  lines.push(
    `Changes from ${names.a} to ${names.b}: ${s.added} added, ${s.removed} removed, ${s.changed} changed`,
  );
  for (const c of diff.changes) {
    lines.push(`  ${CHANGE_MARK[c.change]} ${c.object} ${c.id}: ${c.label}`);
    for (const f of c.fields)
      lines.push(`      ${f.field}: ${formatValue(f.before)} -> ${formatValue(f.after)}`);
  }
  if (diff.changes.length === 0) lines.push('  (no object changed)');

  lines.push('', `Findings introduced: ${diff.findings.introduced.length}`);
  for (const f of diff.findings.introduced)
    lines.push(`  + ${f.severity} ${f.code} [${f.subjects.join(', ')}] ${f.message}`);
  lines.push(`Findings resolved: ${diff.findings.resolved.length}`);
  for (const f of diff.findings.resolved)
    lines.push(`  - ${f.severity} ${f.code} [${f.subjects.join(', ')}] ${f.message}`);

  lines.push('', `Reachability changes: ${diff.reachability.length}`);
  for (const r of diff.reachability) {
    const via = r.viaAfter ?? r.viaBefore;
    lines.push(
      `  ${r.from} -> ${r.to}: ${r.before ?? '(no pair)'} -> ${r.after ?? '(no pair)'}${via ? ` (via ${via})` : ''}`,
    );
  }

  const month = diff.costs.month ? ` (${diff.costs.month})` : '';
  lines.push(
    '',
    `Monthly cost per paying account, ${diff.costs.currency}${month}: ${diff.costs.payers.length === 0 ? 'no change' : ''}`.trimEnd(),
  );
  for (const p of diff.costs.payers) {
    const change = p.change === null ? 'unknown' : `${p.change >= 0 ? '+' : ''}${p.change.toFixed(2)}`;
    lines.push(`  ${p.account}: ${formatMoney(p.before)} -> ${formatMoney(p.after)} (${change})`);
  }
  // CCN costs in USD: their own lines, only when a CCN's cost changed (never added to the CNY).
  if (diff.costs.ccn.payers.length > 0) {
    lines.push('', `Monthly CCN cost per paying account, ${diff.costs.ccn.currency}${month}:`);
    for (const p of diff.costs.ccn.payers) {
      const change = p.change === null ? 'unknown' : `${p.change >= 0 ? '+' : ''}${p.change.toFixed(2)}`;
      lines.push(`  ${p.account}: ${formatMoney(p.before)} -> ${formatMoney(p.after)} (${change})`);
    }
  }

  lines.push(
    '',
    s.errorsIntroduced > 0
      ? `✗ ${names.b} introduces ${s.errorsIntroduced} error finding${s.errorsIntroduced === 1 ? '' : 's'}`
      : `✓ ${names.b} introduces no error finding`,
  );
  return `${lines.join('\n')}\n`;
}

/** The `--json` document: the diff with findings in the `check` shape. */
export function planDiffJson(diff: PlanDiff): unknown {
  const finding = ({ code, severity, message, subjects }: Finding) => ({ code, severity, message, subjects });
  return {
    summary: diff.summary,
    changes: diff.changes,
    findings: {
      introduced: diff.findings.introduced.map(finding),
      resolved: diff.findings.resolved.map(finding),
    },
    reachability: diff.reachability,
    costs: diff.costs,
  };
}
