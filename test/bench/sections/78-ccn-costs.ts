/**
 * CCN costs and the migration proposal (spec/ccn.md "Costs", "Migration").
 *
 * - `computeCcnCosts` on three CCNs of 25 VPCs over the ten mainland regions (45 region pairs
 *   each), with a month of 5-minute samples (8,640 points) on 10 pairs of each CCN: 259,200 CCN
 *   samples, grouped by CCN and pair in one pass, then one P95 (a sort) per measured pair.
 * - `proposeCcnMigration` of one cross-region peering of the reference plan: the five steps'
 *   findings (one full validation of the proposal, then the editor's incremental validator for
 *   each later step) and cost reports of the whole plan (before, the proposal, the end), what the
 *   Migration view and `peerplan migrate` pay once per proposal.
 */
import { MAINLAND_REGION_IDS } from '../../../shared/catalog/regions';
import { computeCcnCosts } from '../../../shared/cost/ccn-costs';
import { proposeCcnMigration } from '../../../shared/edit/migrate-ccn';
import type { Ccn, CcnTrafficSample, Plan, Vpc } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { medianTiming, ms } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanFile } from '../reference-plan';

const ACCOUNT = '100000000001';
const MEMBERS = 25;
const POINTS_PER_MONTH = 30 * 288;
const MEASURED_PAIRS = 10;

function ccnCostPlan(): Plan {
  const vpcs: Vpc[] = [];
  const ccns: Ccn[] = [];
  const ccnTraffic: CcnTrafficSample[] = [];
  const start = Date.parse('2026-11-01T00:00:00+08:00');
  for (let c = 0; c < 3; c++) {
    const members = Array.from({ length: MEMBERS }, (_, k): Vpc => {
      const n = c * MEMBERS + k;
      return {
        id: `vpc-${n}`,
        name: `vpc-${n}`,
        account: ACCOUNT,
        region: MAINLAND_REGION_IDS[k % MAINLAND_REGION_IDS.length]!,
        cidr: `10.${n}.0.0/16`,
        secondaryCidrs: [],
        peeringQuota: 10,
        routeTables: [],
        subnets: [],
      };
    });
    vpcs.push(...members);
    const id = `ccn-${c}`;
    ccns.push({
      id,
      name: id,
      account: ACCOUNT,
      qosLevel: (['PT', 'AU', 'AG'] as const)[c]!,
      chargeType: 'postpaid',
      bandwidthLimitType: 'outer-region',
      attachments: members.map((vpc, k) => ({
        vpc: vpc.id,
        state: 'active',
        attachedAt: `2026-10-${String(1 + k).padStart(2, '0')}`,
        publish: 'vpc',
      })),
      bandwidthLimits: [],
      expectedP95: [],
    });
    for (let p = 0; p < MEASURED_PAIRS; p++) {
      const regions: [string, string] = [MAINLAND_REGION_IDS[p]!, MAINLAND_REGION_IDS[(p + 1) % 10]!];
      for (let i = 0; i < POINTS_PER_MONTH; i++)
        ccnTraffic.push({
          ccn: id,
          regions,
          at: new Date(start + i * 300_000).toISOString(),
          inMbps: (i * 7) % 150,
          outMbps: (i * 13) % 90,
        });
    }
  }
  return {
    format: 'peerplan/1',
    name: 'CCN cost bench',
    asOf: '2026-11-29',
    settings: { freeBandwidthMbps: 0, billingTimeZone: '+08:00' },
    accounts: [{ id: ACCOUNT, name: 'bench', own: true, trusted: true }],
    vpcs,
    peerings: [],
    traffic: [],
    prices: null,
    ccns,
    ccnTraffic,
  };
}

export default async function ccnCostsBench(ctx: BenchContext): Promise<void> {
  const plan = ccnCostPlan();
  const costs = computeCcnCosts(plan, '2026-11');
  const pairs = costs.reduce((n, c) => n + c.pairs.length, 0);
  const measured = costs.reduce((n, c) => n + c.pairs.filter((p) => p.measured).length, 0);
  ctx.log(
    `${plan.ccns.length} CCNs of ${MEMBERS} VPCs, ${pairs} region pairs (${measured} measured), ${plan.ccnTraffic.length.toLocaleString('en-US')} CCN samples`,
  );
  const costTiming = await medianTiming(() => computeCcnCosts(plan, '2026-11'), ctx.runs);
  ctx.log(`computeCcnCosts: ${ms(costTiming.wall)} wall, ${ms(costTiming.cpu)} CPU`);

  const parsed = parsePlanText(JSON.stringify(referencePlanFile()), { today: '2026-11-26' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const reference = parsed.plan;
  const regionOf = new Map(reference.vpcs.map((vpc) => [vpc.id, vpc.region]));
  const peering = reference.peerings.find(
    (p) => regionOf.get(p.requester) !== undefined && regionOf.get(p.requester) !== regionOf.get(p.accepter),
  );
  if (!peering) throw new Error('no cross-region peering in the reference plan');
  const runs = Math.max(3, Math.min(ctx.runs, 5));
  const migration = await medianTiming(() => {
    const result = proposeCcnMigration(reference, peering.id);
    if (!result.ok) throw new Error(result.message);
  }, runs);
  ctx.log(
    `proposeCcnMigration on the reference plan (${reference.vpcs.length} VPCs, ${reference.peerings.length} peerings), peering ${peering.id}: ${ms(migration.wall)} wall, ${ms(migration.cpu)} CPU (one full validation then 3 incremental ones, 3 cost reports)`,
  );
}
