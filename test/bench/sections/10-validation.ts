/**
 * Validation of the reference plan: the median time of parse + full validation, against a naive
 * pairwise overlap check over the same plan in the same process.
 *
 * The naive baseline answers the overlap questions of the validation the obvious way, comparing
 * all pairs (CIDRs parsed once beforehand, so it is pure comparison work): every pair of VPC
 * CIDRs (peering and peers overlaps), every pair of subnets (subnet overlaps), and every route
 * destination against every VPC CIDR (destination in own VPC, in the peer, in a third VPC).
 * The same questions are also timed as the rules answer them (sorted sweeps, the CIDR index),
 * and both must find the same number of overlapping pairs.
 */
import { findOverlappingPairs, tryParseCidr } from '../../../shared/net/cidr';
import type { Cidr } from '../../../shared/net/cidr';
import type { Plan } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';
import { summarizeFindings } from '../../../shared/rules/finding';
import { CidrColumns } from '../../../shared/net/cidr-columns';
import { ColumnIndex } from '../../../shared/rules/cidr-index';
import { STATIC_RULES, validatePlan } from '../../../shared/rules/validate';
import { medianTiming, ms, ratio } from '../harness';
import type { Timing } from '../harness';
import type { BenchContext } from '../harness';
import { referencePlanText } from '../reference-plan';

const TODAY = '2026-11-26';

function parseOrThrow(text: string): Plan {
  const result = parsePlanText(text, { today: TODAY });
  if (!result.ok) throw new Error(`the reference plan does not parse: ${result.error.message}`);
  return result.plan;
}

interface PlanBlocks {
  readonly vpcCidrs: Cidr[];
  readonly subnetCidrs: Cidr[];
  readonly destinations: Cidr[];
  /** The VPC CIDRs and route destinations again, in the typed columns the rules read. */
  readonly vpcColumns: CidrColumns;
  readonly destinationColumns: CidrColumns;
}

/** The plan's CIDRs, parsed once (both overlap checks below start from these). */
export function planBlocks(plan: Plan): PlanBlocks {
  const vpcTexts: string[] = [];
  const subnetTexts: string[] = [];
  const destinationTexts: string[] = [];
  for (const vpc of plan.vpcs) {
    vpcTexts.push(vpc.cidr, ...vpc.secondaryCidrs);
    for (const subnet of vpc.subnets) subnetTexts.push(subnet.cidr);
    for (const table of vpc.routeTables)
      for (const route of table.routes) destinationTexts.push(route.destination);
  }
  const parsed = (texts: string[]) => texts.flatMap((text) => tryParseCidr(text) ?? []);
  const columns = (texts: string[]) => {
    const ok = texts.filter((text) => tryParseCidr(text) !== null);
    const result = new CidrColumns(ok.length);
    ok.forEach((text, i) => result.set(i, text));
    return result;
  };
  return {
    vpcCidrs: parsed(vpcTexts),
    subnetCidrs: parsed(subnetTexts),
    destinations: parsed(destinationTexts),
    vpcColumns: columns(vpcTexts),
    destinationColumns: columns(destinationTexts),
  };
}

/**
 * The naive baseline, all pairs: every pair of VPC CIDRs, every pair of subnets, every route
 * destination against every VPC CIDR. Returns the number of overlapping pairs.
 *
 * The comparison is written out in the loops rather than calling `cidrOverlaps`: a call into
 * another module is inlined or not at the JIT's whim, and the same loop then measured anywhere
 * from 0.3 to 5 s from one process to the next. Written out it is steady, and as fast as a
 * pairwise check can be, so the ratios below are not flattered by a slow baseline.
 */
export function naivePairwiseOverlaps({ vpcCidrs, subnetCidrs, destinations }: PlanBlocks): number {
  let overlaps = 0;
  const allPairs = (blocks: readonly Cidr[]) => {
    for (let i = 0; i < blocks.length; i++) {
      const a = blocks[i]!;
      for (let j = i + 1; j < blocks.length; j++) {
        const b = blocks[j]!;
        if (a.start <= b.end && b.start <= a.end) overlaps++;
      }
    }
  };
  allPairs(vpcCidrs);
  allPairs(subnetCidrs);
  for (const a of destinations)
    for (const b of vpcCidrs) if (a.start <= b.end && b.start <= a.end) overlaps++;
  return overlaps;
}

/** The same questions answered as the rules answer them: sorted sweeps and the CIDR index. */
export function sweptOverlaps({ vpcCidrs, subnetCidrs, vpcColumns, destinationColumns }: PlanBlocks): number {
  const owned = (blocks: Cidr[]) => blocks.map((cidr, owner) => ({ cidr, owner }));
  let overlaps =
    findOverlappingPairs(owned(vpcCidrs)).length + findOverlappingPairs(owned(subnetCidrs)).length;
  const index = new ColumnIndex(vpcColumns);
  const count = () => {
    overlaps++;
    return false;
  };
  for (let i = 0; i < destinationColumns.length; i++) index.someOverlapping(destinationColumns, i, count);
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

  const parseTime = await medianTiming(() => parseOrThrow(text), ctx.runs);
  const staticTime = await medianTiming(() => validatePlan(plan, STATIC_RULES), ctx.runs);
  const parseStaticTime = await medianTiming(() => validatePlan(parseOrThrow(text), STATIC_RULES), ctx.runs);
  const allRulesTime = await medianTiming(() => validatePlan(plan), ctx.runs);
  const parseAllTime = await medianTiming(() => validatePlan(parseOrThrow(text)), ctx.runs);
  const blocks = planBlocks(plan);
  const naiveCount = naivePairwiseOverlaps(blocks);
  const sweptCount = sweptOverlaps(blocks);
  if (naiveCount !== sweptCount)
    throw new Error(`sweep found ${sweptCount} overlaps, pairwise ${naiveCount}`);
  const naiveRuns = Math.max(3, Math.floor(ctx.runs / 3));
  const naiveTime = await medianTiming(() => naivePairwiseOverlaps(blocks), naiveRuns, 1);
  const sweptTime = await medianTiming(() => sweptOverlaps(blocks), ctx.runs);

  const show = (t: Timing) => `${ms(t.wall).padStart(10)} wall ${ms(t.cpu).padStart(10)} CPU`;
  ctx.log(`parse (JSON + schema + normalise):       ${show(parseTime)}`);
  ctx.log(`static rules (rules.md minus analysis):  ${show(staticTime)}`);
  ctx.log(`parse + static validation:               ${show(parseStaticTime)}   (target < 150 ms)`);
  ctx.log(`all rules (with reachability and cost):  ${show(allRulesTime)}`);
  ctx.log(`parse + full validatePlan:               ${show(parseAllTime)}`);
  ctx.log(`naive pairwise overlap check:            ${show(naiveTime)}   (median of ${naiveRuns})`);
  ctx.log(
    `overlap questions by sweep and index:    ${show(sweptTime)}   (${naiveCount} overlapping pairs, as pairwise)`,
  );
  ctx.log(
    `speed-up over naive, wall: static validation ${ratio(naiveTime.wall, staticTime.wall)} (target >= 20x), same questions ${ratio(naiveTime.wall, sweptTime.wall)}, parse + static ${ratio(naiveTime.wall, parseStaticTime.wall)}, parse + full ${ratio(naiveTime.wall, parseAllTime.wall)}`,
  );
  ctx.log(
    `speed-up over naive, CPU:  static validation ${ratio(naiveTime.cpu, staticTime.cpu)}, same questions ${ratio(naiveTime.cpu, sweptTime.cpu)}, parse + static ${ratio(naiveTime.cpu, parseStaticTime.cpu)}, parse + full ${ratio(naiveTime.cpu, parseAllTime.cpu)}`,
  );
  ctx.log(
    '(static validation: every static rule from the parsed plan, its CIDR texts included; the naive check answers only the overlap questions, from CIDRs parsed beforehand. Parsing the 12 MB of JSON is the same work for both.)',
  );
  const youngGeneration = process.execArgv.find((flag) => flag.startsWith('--max-semi-space-size'));
  ctx.log(
    `V8 young generation: ${youngGeneration ?? "V8's default (16 MB semi-spaces)"}${youngGeneration ? ', as the peerplan CLI and the app run' : ''}`,
  );
}
