/**
 * The rule ROUTE_RETURN_MISSING (rules.md): traffic from a subnet can reach a peer subnet but
 * no route brings the reply back. It comes from reachability: every pair across peered VPCs
 * whose status is `no-return`. Subjects: both subnets, the peering, and the route table that
 * lacks the return route (the one serving the target subnet).
 */
import type { Rule } from '../rules/context';
import type { Finding } from '../rules/finding';
import { finding } from '../rules/finding';
import { computeReachabilityDetails } from './reachability';

export const checkReturnRoutes: Rule = (context) => {
  const findings: Finding[] = [];
  const cidrOf = new Map<string, string>();
  for (const vpc of context.plan.vpcs) for (const subnet of vpc.subnets) cidrOf.set(subnet.id, subnet.cidr);
  for (const pair of computeReachabilityDetails(context.plan, { scope: 'peered' })) {
    if (pair.status !== 'no-return' || pair.via === null) continue;
    const table = pair.returnTable;
    const where = table ? `route table ${table}` : `the route table of ${pair.to}`;
    findings.push(
      finding(
        'ROUTE_RETURN_MISSING',
        `${pair.from} reaches ${pair.to} over ${pair.via}, but no route brings the reply back: add a route to ${cidrOf.get(pair.from)} (or its VPC's CIDR) via ${pair.via} in ${where}.`,
        table ? [pair.from, pair.to, pair.via, table] : [pair.from, pair.to, pair.via],
      ),
    );
  }
  return findings;
};
