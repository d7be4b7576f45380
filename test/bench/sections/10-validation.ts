/**
 * Validation of the reference plan: the median time of parse + full validation, against a naive
 * pairwise overlap check over the same plan in the same process.
 *
 * The naive baseline answers the overlap questions of the validation the obvious way, comparing
 * all pairs (CIDRs parsed once beforehand, so it is pure comparison work): every pair of VPC
 * CIDRs (peering and peers overlaps), every pair of subnets (subnet overlaps), and every route
 * destination against every VPC CIDR (destination in own VPC, in the peer, in a third VPC).
 */
import { cidrOverlaps, tryParseCidr } from '../../../shared/net/cidr';
import type { Cidr } from '../../../shared/net/cidr';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { summarizeFindings } from '../../../shared/rules/finding';
import { validatePlan } from '../../../shared/rules/validate';
import { median, ms, ratio } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';

function parseOrThrow(text: string): Plan {
  const result = parsePlanText(text, { today: TODAY });
  if (!result.ok) throw new Error(`the reference plan does not parse: ${result.error.message}`);
  return result.plan;
}

/** The naive baseline: all pairs. Returns the number of overlapping pairs it found. */
export function naivePairwiseOverlaps(plan: Plan): number {
  const vpcCidrs: Cidr[] = [];
  const subnetCidrs: Cidr[] = [];
  const destinations: Cidr[] = [];
  for (const vpc of plan.vpcs) {
    for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
      const cidr = tryParseCidr(text);
      if (cidr) vpcCidrs.push(cidr);
    }
    for (const subnet of vpc.subnets) {
      const cidr = tryParseCidr(subnet.cidr);
      if (cidr) subnetCidrs.push(cidr);
    }
    for (const table of vpc.routeTables) {
      for (const route of table.routes) {
        const cidr = tryParseCidr(route.destination);
        if (cidr) destinations.push(cidr);
      }
    }
  }
  let overlaps = 0;
  const allPairs = (blocks: Cidr[]) => {
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) if (cidrOverlaps(blocks[i]!, blocks[j]!)) overlaps++;
    }
  };
  allPairs(vpcCidrs);
  allPairs(subnetCidrs);
  for (const destination of destinations)
    for (const cidr of vpcCidrs) if (cidrOverlaps(destination, cidr)) overlaps++;
  return overlaps;
}

export default async function validationBench(ctx: BenchContext): Promise<void> {
  const text = referencePlanText();
  const plan = parseOrThrow(text);
  const routes = plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0);
  const subnets = plan.vpcs.reduce((n, v) => n + v.subnets.length, 0);
  ctx.log(
    `reference plan: ${plan.vpcs.length} VPCs, ${subnets} subnets, ${plan.peerings.length} peerings, ${routes} routes (${(text.length / 1e6).toFixed(1)} MB of JSON)`,
  );
  const summary = summarizeFindings(validatePlan(plan));
  ctx.log(`findings: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`);

  const parseTime = await median(() => parseOrThrow(text), ctx.runs);
  const validateTime = await median(() => validatePlan(plan), ctx.runs);
  const fullTime = await median(() => validatePlan(parseOrThrow(text)), ctx.runs);
  const naiveRuns = Math.max(3, Math.floor(ctx.runs / 3));
  const naiveTime = await median(() => naivePairwiseOverlaps(plan), naiveRuns, 1);

  ctx.log(`parse (JSON + schema + normalise):  ${ms(parseTime)}`);
  ctx.log(`validation (all static rules):      ${ms(validateTime)}`);
  ctx.log(`parse + full validation:            ${ms(fullTime)}   (target < 150 ms)`);
  ctx.log(`naive pairwise overlap check:       ${ms(naiveTime)}   (median of ${naiveRuns})`);
  ctx.log(`speed-up, naive / parse+validation: ${ratio(naiveTime, fullTime)}   (target >= 20x)`);
}
