/**
 * What a reviewer reads first, and what keeps a report of a big plan readable: the summary's
 * figures, findings grouped by code, payers by cost with a total, the peerings whose route
 * tables deserve a section, and the plan drawn as regions (one edge per pair of regions) when it
 * is too big to draw VPC by VPC. Derived from the review model (review.ts), so the Markdown and
 * HTML reports (and the app's Export, which renders the same functions) say the same.
 */
import type { PayerCost, PeeringCost } from '../cost/costs';
import type { Finding, FindingCode, Severity } from '../rules/finding';
import type { Review, ReviewPeering } from './review';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Error and warning findings that name a subject (a peering, a VPC…), by subject ID. */
export interface Marks {
  readonly errors: number;
  readonly warnings: number;
}

const NO_MARKS: Marks = { errors: 0, warnings: 0 };

const marksCache = new WeakMap<Review, ReadonlyMap<string, Marks>>();

/** Per subject ID, how many error and warning findings name it (computed once per review). */
export function marksBySubject(review: Review): ReadonlyMap<string, Marks> {
  const cached = marksCache.get(review);
  if (cached) return cached;
  const marks = new Map<string, { errors: number; warnings: number }>();
  for (const f of review.findings) {
    if (f.severity === 'info') continue;
    for (const subject of new Set(f.subjects)) {
      let m = marks.get(subject);
      if (!m) marks.set(subject, (m = { errors: 0, warnings: 0 }));
      if (f.severity === 'error') m.errors++;
      else m.warnings++;
    }
  }
  marksCache.set(review, marks);
  return marks;
}

export function marksOf(review: Review, subject: string): Marks {
  return marksBySubject(review).get(subject) ?? NO_MARKS;
}

// ---------------------------------------------------------------------------------------------
// Summary

/** Finding codes the summary lists (the rest are counted). */
export const SUMMARY_TOP_CODES = 5;

/** Rows of a CCN's published CIDRs (or shadowed CCN routes) in a report; the rest is counted. */
export const CCN_PUBLISHED_MAX_ROWS = 200;

export interface CodeCount {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly count: number;
}

export interface CurrencyTotal {
  readonly currency: string;
  /** Sum of the payers whose cost is known, in the currency's unit (exact to the cent). */
  readonly monthly: number;
  /** null: the currency has no daily figure (CCNs bill by the month's 95th percentile). */
  readonly daily: number | null;
  /** Paying accounts with a peering whose price is on request: not in the sums above. */
  readonly onRequest: number;
}

export interface ReviewSummary {
  readonly vpcs: number;
  readonly subnets: number;
  readonly routeTables: number;
  readonly peerings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** The month the costs cover (`YYYY-MM`), when any peering is billed. */
  readonly month: string | undefined;
  /** One entry per currency with a payer: CNY (peerings), then USD (CCNs); never added together. */
  readonly costs: readonly CurrencyTotal[];
  /** The total when every cost is in one currency; null when there are two (no mixed number). */
  readonly total: CurrencyTotal | null;
  /** Codes by severity (errors first), then by count; every code, `SUMMARY_TOP_CODES` shown. */
  readonly codes: readonly CodeCount[];
}

/** Cents of a cost, as an integer: sums of cents are exact where sums of decimals are not. */
const cents = (value: number): number => Math.round(value * 100);

export function reviewSummary(review: Review): ReviewSummary {
  const counts = new Map<FindingCode, CodeCount>();
  for (const f of review.findings) {
    const known = counts.get(f.code);
    counts.set(f.code, { code: f.code, severity: f.severity, count: (known?.count ?? 0) + 1 });
  }
  const codes = [...counts.values()].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.count - a.count ||
      (a.code < b.code ? -1 : 1),
  );
  const costs = (['CNY', 'USD'] as const)
    .map((currency) => payersByCost(review, currency))
    .filter(({ payers }) => payers.length > 0)
    .map(({ total }) => total);
  return {
    vpcs: review.plan.vpcs.length,
    subnets: review.subnetCount,
    routeTables: review.routeTables.length,
    peerings: review.plan.peerings.length,
    ...review.summary,
    month: review.costs.peerings.find((p) => p.monthly)?.monthly?.month,
    costs,
    total: costs.length === 1 ? costs[0]! : null,
    codes,
  };
}

/**
 * The paying accounts of one currency (CNY: peerings; USD: CCNs), most expensive first (a cost on
 * request after every known cost, then by account ID), and their total. Currencies are never
 * summed together.
 */
export function payersByCost(
  review: Review,
  currency: PayerCost['currency'] = 'CNY',
): {
  readonly payers: readonly PayerCost[];
  readonly total: CurrencyTotal;
} {
  const payers = review.costs.payers
    .filter((p) => p.currency === currency)
    .sort((a, b) => {
      if (a.monthlyCost === null || b.monthlyCost === null) {
        if (a.monthlyCost !== b.monthlyCost) return a.monthlyCost === null ? 1 : -1;
      } else if (a.monthlyCost !== b.monthlyCost) return b.monthlyCost - a.monthlyCost;
      return a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
    });
  let monthly = 0;
  let daily = 0;
  let onRequest = 0;
  for (const p of payers) {
    if (p.monthlyCost === null || p.dailyCost === null) onRequest++;
    if (p.monthlyCost !== null) monthly += cents(p.monthlyCost);
    if (p.dailyCost !== null) daily += cents(p.dailyCost);
  }
  return {
    payers,
    total: {
      currency,
      monthly: monthly / 100,
      daily: currency === 'USD' ? null : daily / 100,
      onRequest,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Findings by code

/**
 * Where the full lists are, for a report that shows only the first of them (as Markdown code
 * spans; the HTML report turns them into `<code>`).
 */
export const FULL_LISTS = {
  findings: '`peerplan check PLAN.json --json`',
  routes:
    '`peerplan routes PLAN.json --suggest --json` or the route tables CSV (`peerplan export PLAN.json --to csv`)',
  costs: '`peerplan cost PLAN.json --json`',
  reach: '`peerplan reach PLAN.json --json`',
} as const;

/** Findings listed under each code; the rest are counted and found in the full exports. */
export const FINDING_EXAMPLES = 5;

export interface FindingGroup extends CodeCount {
  readonly examples: readonly Finding[];
}

export function findingGroups(review: Review, examples = FINDING_EXAMPLES): FindingGroup[] {
  const groups = new Map<FindingCode, Finding[]>();
  for (const f of review.findings) {
    const list = groups.get(f.code);
    if (list) list.push(f);
    else groups.set(f.code, [f]);
  }
  return reviewSummary(review).codes.map((c) => ({
    ...c,
    examples: groups.get(c.code)!.slice(0, examples),
  }));
}

// ---------------------------------------------------------------------------------------------
// Peerings with a section

/** Up to this many peerings, every peering has its section. */
export const PEERING_SECTIONS_ALL = 60;
/** Above PEERING_SECTIONS_ALL: sections for the peerings with findings only, at most this many. */
export const PEERING_SECTIONS_MAX = 150;

export interface PeeringSections {
  readonly shown: readonly ReviewPeering[];
  /** `all`: every peering; `with-findings`: only those with findings (errors first). */
  readonly mode: 'all' | 'with-findings';
  /** Peerings with findings (or routes still missing), shown or not. */
  readonly withFindings: number;
}

/** A peering deserves a look: a finding names it, a route to it has one, or a route is missing. */
export function peeringHasFindings(review: Review, p: ReviewPeering): boolean {
  const marks = marksOf(review, p.peering.id);
  if (marks.errors + marks.warnings > 0) return true;
  for (const table of [...p.requesterTables, ...p.accepterTables]) {
    for (const route of table.routes) {
      if (route.nextHop?.id !== p.peering.id) continue;
      if (route.origin === 'suggested' || route.codes.length > 0) return true;
    }
  }
  return false;
}

export function peeringSections(review: Review): PeeringSections {
  const flagged = review.peerings.filter((p) => peeringHasFindings(review, p));
  if (review.peerings.length <= PEERING_SECTIONS_ALL) {
    return { shown: review.peerings, mode: 'all', withFindings: flagged.length };
  }
  // Errors first, then warnings, then the rest (missing routes), each in plan order.
  const rank = (p: ReviewPeering) => {
    const m = marksOf(review, p.peering.id);
    return m.errors > 0 ? 0 : m.warnings > 0 ? 1 : 2;
  };
  const shown = flagged
    .map((p, index) => ({ p, index, rank: rank(p) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, PEERING_SECTIONS_MAX)
    .map(({ p }) => p);
  return { shown, mode: 'with-findings', withFindings: flagged.length };
}

/** Up to this many peerings, Costs lists every one; above, the billed ones, most expensive first. */
export const COST_ROWS_MAX = 100;

export interface CostRows {
  readonly rows: readonly PeeringCost[];
  readonly mode: 'all' | 'billed';
  /** Billed peerings (cross-region and live): a cost, or a price on request. */
  readonly billed: number;
  /** Live regional peerings (free) and peerings not billed (expired, rejected, ends unknown). */
  readonly free: number;
  readonly notBilled: number;
}

export function costRows(review: Review): CostRows {
  const all = review.costs.peerings;
  const isBilled = (c: PeeringCost) => c.kind === 'cross-region' && c.monthly !== null;
  const billed = all.filter(isBilled);
  const free = all.filter((c) => c.kind === 'regional' && c.monthly !== null).length;
  const notBilled = all.filter((c) => c.monthly === null).length;
  if (all.length <= COST_ROWS_MAX) return { rows: all, mode: 'all', billed: billed.length, free, notBilled };
  // On request first (an unknown cost may be the largest), then by cost.
  const cost = (c: PeeringCost) => c.monthly?.cost ?? Number.POSITIVE_INFINITY;
  const rows = billed
    .map((c, index) => ({ c, index }))
    .sort((a, b) => cost(b.c) - cost(a.c) || a.index - b.index)
    .slice(0, COST_ROWS_MAX)
    .map(({ c }) => c);
  return { rows, mode: 'billed', billed: billed.length, free, notBilled };
}

// ---------------------------------------------------------------------------------------------
// The plan drawn as regions

export interface RegionNode {
  readonly id: string;
  readonly name: string;
  readonly vpcs: number;
  /** Peerings with both ends in this region. */
  readonly inside: number;
  /** Of those, how many an error (or else a warning) finding names. */
  readonly insideErrors: number;
  readonly insideWarnings: number;
}

export interface RegionPair {
  /** Indexes into `regions`, `a < b`. */
  readonly a: number;
  readonly b: number;
  readonly peerings: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface RegionTopology {
  readonly regions: readonly RegionNode[];
  /** Pairs of regions with peerings between them, most peerings first. */
  readonly pairs: readonly RegionPair[];
  /** Peerings with an end not in the plan (REF_UNKNOWN): nothing to draw. */
  readonly undrawn: number;
}

/**
 * The canvas's overview at low zoom, as data: regions as nodes (counting their VPCs and the
 * peerings inside them), and one edge per pair of regions with the number of peerings between
 * them and how many of those have error (or warning) findings.
 */
export function regionTopology(review: Review): RegionTopology {
  const indexOf = new Map<string, number>();
  review.regions.forEach((region, index) => indexOf.set(region.id, index));
  const inside = review.regions.map(() => ({ count: 0, errors: 0, warnings: 0 }));
  const pairs = new Map<
    number,
    { a: number; b: number; peerings: number; errors: number; warnings: number }
  >();
  const n = review.regions.length;
  let undrawn = 0;
  for (const p of review.peerings) {
    if (!p.requester || !p.accepter) {
      undrawn++;
      continue;
    }
    const from = indexOf.get(p.requester.region)!;
    const to = indexOf.get(p.accepter.region)!;
    const marks = marksOf(review, p.peering.id);
    const error = marks.errors > 0 ? 1 : 0;
    const warning = !error && marks.warnings > 0 ? 1 : 0;
    if (from === to) {
      const counts = inside[from]!;
      counts.count++;
      counts.errors += error;
      counts.warnings += warning;
      continue;
    }
    const a = Math.min(from, to);
    const b = Math.max(from, to);
    const key = a * n + b;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { a, b, peerings: 0, errors: 0, warnings: 0 }));
    pair.peerings++;
    pair.errors += error;
    pair.warnings += warning;
  }
  return {
    regions: review.regions.map((region, index) => ({
      id: region.id,
      name: region.name,
      vpcs: region.vpcs.length,
      inside: inside[index]!.count,
      insideErrors: inside[index]!.errors,
      insideWarnings: inside[index]!.warnings,
    })),
    pairs: [...pairs.values()].sort((x, y) => y.peerings - x.peerings || x.a - y.a || x.b - y.b),
    undrawn,
  };
}

/** `1 peering`, `3,000 VPCs`. */
export function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** `3000` → `3,000` (by hand: the same output whatever the runtime's locale data). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
