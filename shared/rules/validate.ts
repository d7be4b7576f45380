/**
 * All static rules of rules.md, composed: `validatePlan` builds the plan's index once and runs
 * every rule over it. Rules live in modules by concept; to add rules (the analysis rules
 * ROUTE_RETURN_MISSING, TRAFFIC_OVER_BANDWIDTH, PRICE_ON_REQUEST), append them to `RULES`.
 */
import { checkCosts } from '../cost/cost-rules';
import type { Plan } from '../plan/model';
import { checkReturnRoutes } from '../reach/return-routes';
import { checkCidrSyntax, checkVpcCidrOverlaps, checkVpcCidrRanges } from './cidrs';
import { CCN_RULES } from './ccns';
import { buildRuleContext } from './context';
import type { Rule } from './context';
import type { Finding } from './finding';
import { checkDuplicateIds, checkReferences, checkRegions } from './ids-and-refs';
import {
  checkPeeringBandwidth,
  checkPeeringEnds,
  checkPeeringOverlaps,
  checkPeeringRoutes,
  checkPeeringStates,
} from './peerings';
import { checkQuotas } from './quotas';
import { checkRouteDuplicates, checkRouteTargets } from './routes';
import { checkNames } from './names';
import { checkSubnetOverlaps, checkSubnetPlacement, checkSubnetZones } from './subnets';

/** The rules that need no routing or cost analysis, by concept. */
export const STATIC_RULES: readonly Rule[] = [
  // ids-and-refs
  checkDuplicateIds,
  checkReferences,
  checkRegions,
  // names
  checkNames,
  // cidrs
  checkCidrSyntax,
  checkVpcCidrRanges,
  checkVpcCidrOverlaps,
  // subnets
  checkSubnetPlacement,
  checkSubnetOverlaps,
  checkSubnetZones,
  // quotas
  checkQuotas,
  // peerings
  checkPeeringEnds,
  checkPeeringOverlaps,
  checkPeeringBandwidth,
  checkPeeringStates,
  checkPeeringRoutes,
  // routes
  checkRouteDuplicates,
  checkRouteTargets,
  // ccns (spec/ccn.md): last, so the incremental validator can run them apart
  ...CCN_RULES,
];

/** Every rule: the static ones, then the analysis rules. */
export const RULES: readonly Rule[] = [
  ...STATIC_RULES,
  // analysis: reachability (ROUTE_RETURN_MISSING) and costs (TRAFFIC_OVER_BANDWIDTH, PRICE_ON_REQUEST)
  checkReturnRoutes,
  checkCosts,
];

/**
 * Every finding of the plan, in rule order (use `sortFindings` for errors first). `rules` picks
 * a subset (e.g. `STATIC_RULES`); all rules by default.
 */
export function validatePlan(plan: Plan, rules: readonly Rule[] = RULES): Finding[] {
  const context = buildRuleContext(plan);
  const findings: Finding[] = [];
  for (const rule of rules) for (const f of rule(context)) findings.push(f);
  return findings;
}
