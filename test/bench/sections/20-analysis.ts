/**
 * The analysis core on the reference plan, each beside a naive baseline in the same run:
 *
 * 1. Effective route tables: every table's local and plan routes with the codes of the findings
 *    on each, plus its longest-prefix-match structure (findings computed beforehand, as the app
 *    has them). Baseline: each table's route codes found by scanning every finding (no index
 *    by route), timed on a sample of tables and extrapolated.
 * 2. Reachability of every subnet pair across peered VPCs (intervals, grouped by route table).
 *    Baseline: the per-address reference (every address looked up by scanning every route),
 *    timed on a fixed sample of pairs and extrapolated to all of them (running it on every pair
 *    would take minutes).
 * 3. Daily peaks of 1,000 peerings × 30 days of 5-minute samples (8.64 million) from typed
 *    arrays in one pass. Baseline: the same samples as objects, bucketed by a `peering|date`
 *    string key per sample; timed on a tenth of the peerings and scaled to all (the full object
 *    array would need gigabytes).
 */
import { dailyPeaks } from '../../../shared/cost/daily-peaks';
import type { TrafficColumns } from '../../../shared/cost/daily-peaks';
import { tryParseCidr } from '../../../shared/net/cidr';
import type { Plan, Route } from '../../../shared/plan/model';
import { routeId } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { computeReachability } from '../../../shared/reach/reachability';
import { buildForwarding, resolveRouteTables } from '../../../shared/routing/forwarding';
import type { ResolvedRouteTable } from '../../../shared/routing/forwarding';
import { effectiveRouteTables } from '../../../shared/routing/route-tables';
import type { Finding } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { medianTiming, ms, ratio } from '../harness';
import type { BenchContext, Timing } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';

/** Route tables the naive way: each table's codes by scanning all findings (on `tables`). */
function naiveRouteTables(tables: readonly ResolvedRouteTable[], findings: readonly Finding[]): number {
  let routes = 0;
  for (const { id, vpc, table } of tables) {
    const codes: string[][] = (table?.routes ?? []).map(() => []);
    for (const f of findings) {
      for (const subject of f.subjects) {
        for (let index = 0; index < codes.length; index++) {
          if (subject === routeId(id, index)) codes[index]!.push(f.code);
        }
      }
    }
    buildForwarding(vpc, table);
    routes += codes.length;
  }
  return routes;
}

/** The fast path: the effective tables and every table's forwarding structure. */
function fastRouteTables(plan: Plan, findings: readonly Finding[]): number {
  const routing = resolveRouteTables(plan);
  const tables = effectiveRouteTables(plan, { findings, routing });
  for (const { vpc, table } of routing.tables) buildForwarding(vpc, table);
  return tables.length;
}

/** Per-address reachability of one pair by linear scan of the routes (the test's reference, simplified to the status). */
function naivePairStatus(
  sourceCidr: string,
  sourceRoutes: readonly Route[],
  sourceVpcCidrs: readonly string[],
  targetCidr: string,
  targetRoutes: readonly Route[],
  targetVpcCidrs: readonly string[],
  peeringIds: ReadonlySet<string>,
): string {
  const blocks = new Map<string, { start: number; end: number; prefix: number } | null>();
  const block = (text: string) => {
    if (!blocks.has(text)) blocks.set(text, tryParseCidr(text));
    return blocks.get(text)!;
  };
  const lookup = (vpcCidrs: readonly string[], routes: readonly Route[], address: number): Route | null => {
    for (const cidr of vpcCidrs) {
      const b = block(cidr);
      if (b && b.start <= address && address <= b.end) return null;
    }
    let best: Route | null = null;
    let bestPrefix = -1;
    for (const route of routes) {
      const b = block(route.destination);
      if (route.enabled && b && b.start <= address && address <= b.end && b.prefix > bestPrefix) {
        best = route;
        bestPrefix = b.prefix;
      }
    }
    return best;
  };
  const count = (cidr: string, vpcCidrs: readonly string[], routes: readonly Route[]) => {
    const b = block(cidr)!;
    let ok = 0;
    for (let address = b.start; address <= b.end; address++) {
      const hit = lookup(vpcCidrs, routes, address);
      if (hit && hit.nextHop.type === 'peering' && peeringIds.has(hit.nextHop.id)) ok++;
    }
    return { ok, size: b.end - b.start + 1 };
  };
  const forward = count(targetCidr, sourceVpcCidrs, sourceRoutes);
  const back = count(sourceCidr, targetVpcCidrs, targetRoutes);
  if (forward.ok === 0) return 'unreachable';
  if (back.ok === 0) return 'no-return';
  return forward.ok === forward.size && back.ok === back.size ? 'reachable' : 'partial';
}

function naiveReachabilitySample(plan: Plan, pairs: readonly { from: string; to: string }[]): number {
  const subnets = new Map<
    string,
    { cidr: string; routes: readonly Route[]; vpcCidrs: string[]; vpc: string }
  >();
  for (const vpc of plan.vpcs) {
    for (const subnet of vpc.subnets) {
      const table = vpc.routeTables.find((t) => t.id === subnet.routeTable);
      subnets.set(subnet.id, {
        cidr: subnet.cidr,
        routes: table?.routes ?? [],
        vpcCidrs: [vpc.cidr, ...vpc.secondaryCidrs],
        vpc: vpc.id,
      });
    }
  }
  let reachable = 0;
  for (const { from, to } of pairs) {
    const s = subnets.get(from)!;
    const t = subnets.get(to)!;
    const ids = new Set(
      plan.peerings
        .filter(
          (p) =>
            p.state === 'active' &&
            ((p.requester === s.vpc && p.accepter === t.vpc) ||
              (p.requester === t.vpc && p.accepter === s.vpc)),
        )
        .map((p) => p.id),
    );
    if (naivePairStatus(s.cidr, s.routes, s.vpcCidrs, t.cidr, t.routes, t.vpcCidrs, ids) === 'reachable')
      reachable++;
  }
  return reachable;
}

const PEERINGS = 1000;
const DAYS = 30;
const SAMPLES_PER_DAY = 288;
const FIRST_DAY = Date.UTC(2026, 10, 1) / 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** 1,000 peerings × 30 days × 288 five-minute samples, as columns (deterministic values). */
function sampleColumns(peerings: number): TrafficColumns {
  const count = peerings * DAYS * SAMPLES_PER_DAY;
  const peering = new Uint32Array(count);
  const timeMs = new Float64Array(count);
  const inMbps = new Float64Array(count);
  const outMbps = new Float64Array(count);
  const start = FIRST_DAY * 86_400_000 - OFFSET_MS; // midnight, Beijing time
  let i = 0;
  for (let p = 0; p < peerings; p++) {
    for (let slot = 0; slot < DAYS * SAMPLES_PER_DAY; slot++) {
      peering[i] = p;
      timeMs[i] = start + slot * 300_000;
      inMbps[i] = ((p * 7919 + slot * 104729) % 9973) / 10;
      outMbps[i] = ((p * 104729 + slot * 7919) % 8999) / 10;
      i++;
    }
  }
  return { peering, timeMs, inMbps, outMbps };
}

/** The naive daily peaks: one object per sample, a string key per sample. */
function naiveDailyPeaks(
  samples: readonly { peering: string; at: number; inMbps: number; outMbps: number }[],
) {
  const peaks = new Map<string, number>();
  for (const sample of samples) {
    const date = new Date(sample.at + OFFSET_MS).toISOString().slice(0, 10);
    const key = `${sample.peering}|${date}`;
    const value = Math.max(sample.inMbps, sample.outMbps);
    if (!(peaks.get(key)! >= value)) peaks.set(key, value);
  }
  return peaks;
}

/** `wall (CPU)` of a timing, e.g. `120.3 ms wall, 98.1 ms CPU`. */
function both(timing: Timing): string {
  return `${ms(timing.wall)} wall, ${ms(timing.cpu)} CPU`;
}

/** A timing scaled by `factor` (a baseline timed on a sample and extrapolated). */
function scaled(timing: Timing, factor: number): Timing {
  return { wall: timing.wall * factor, cpu: timing.cpu * factor };
}

/** Ratios on wall and on CPU time. */
function ratios(slow: Timing, fast: Timing): string {
  return `ratio ${ratio(slow.wall, fast.wall)} wall, ${ratio(slow.cpu, fast.cpu)} CPU`;
}

export default async function analysisBench(ctx: BenchContext): Promise<void> {
  const parsed = parsePlanText(referencePlanText(), { today: TODAY });
  if (!parsed.ok) throw new Error(`the reference plan does not parse: ${parsed.error.message}`);
  const plan = parsed.plan;
  const findings = validatePlan(plan);

  // 1. Effective route tables.
  const tableCount = fastRouteTables(plan, findings);
  const tables = await medianTiming(() => fastRouteTables(plan, findings), ctx.runs);
  const allTables = resolveRouteTables(plan).tables;
  const tableSample = allTables.filter((_, index) => index % Math.ceil(allTables.length / 300) === 0);
  const naiveTablesSample = await medianTiming(() => naiveRouteTables(tableSample, findings), 3, 1);
  const naiveTables = scaled(naiveTablesSample, allTables.length / tableSample.length);
  ctx.log(`effective route tables (${tableCount} tables, LPM of each):  ${both(tables)}   (target < 200 ms)`);
  ctx.log(
    `  naive, codes by scanning every finding (${tableSample.length} sampled tables, extrapolated):  ${both(naiveTables)}   ${ratios(naiveTables, tables)}`,
  );

  // 2. Reachability of every subnet pair across peered VPCs.
  const pairs = computeReachability(plan, { scope: 'peered' });
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair.status, (counts.get(pair.status) ?? 0) + 1);
  const reach = await medianTiming(() => computeReachability(plan, { scope: 'peered' }), ctx.runs);
  const sample = pairs.filter((_, index) => index % Math.ceil(pairs.length / 300) === 0);
  const naiveReachSample = await medianTiming(() => naiveReachabilitySample(plan, sample), 3, 1);
  const naiveReach = scaled(naiveReachSample, pairs.length / sample.length);
  ctx.log(
    `reachability, ${pairs.length} pairs across peered VPCs:  ${both(reach)}   (target < 2 s)   [${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}]`,
  );
  ctx.log(
    `  naive per-address (${sample.length} sampled pairs, extrapolated):  ${both(naiveReach)}   ${ratios(naiveReach, reach)}`,
  );

  // 3. Daily peaks from typed arrays.
  const columns = sampleColumns(PEERINGS);
  const options = { peeringCount: PEERINGS, firstDay: FIRST_DAY, dayCount: DAYS, offsetMs: OFFSET_MS };
  const peaks = await medianTiming(() => dailyPeaks(columns, options), ctx.runs);
  const naivePeerings = PEERINGS / 10;
  const naiveCount = naivePeerings * DAYS * SAMPLES_PER_DAY;
  const ids = Array.from({ length: naivePeerings }, (_, p) => `pcx-${p}`);
  const objects = Array.from({ length: naiveCount }, (_, i) => ({
    peering: ids[columns.peering[i]!]!,
    at: columns.timeMs[i]!,
    inMbps: columns.inMbps[i]!,
    outMbps: columns.outMbps[i]!,
  }));
  const naivePeaks = scaled(
    await medianTiming(() => naiveDailyPeaks(objects), 3, 1),
    PEERINGS / naivePeerings,
  );
  ctx.log(
    `daily peaks, ${PEERINGS} peerings × ${DAYS} days × ${SAMPLES_PER_DAY} samples (${(columns.peering.length / 1e6).toFixed(2)} M) from typed arrays:  ${both(peaks)}   (target < 250 ms)`,
  );
  ctx.log(
    `  naive objects + string keys (${naivePeerings} peerings, scaled ×${PEERINGS / naivePeerings}):  ${both(naivePeaks)}   ${ratios(naivePeaks, peaks)}`,
  );
}
