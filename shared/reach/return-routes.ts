/**
 * The rule ROUTE_RETURN_MISSING (rules.md): traffic from a subnet can reach a peer subnet but
 * no route brings the reply back. It comes from reachability: every pair across peered VPCs
 * whose status is `no-return`. Subjects: both subnets, the peering, and the route table that
 * lacks the return route (the one serving the target subnet).
 */
import type { Rule } from '../rules/context';
import type { Finding } from '../rules/finding';
import { finding } from '../rules/finding';
import type { ReachPair } from './reachability';
import { forEachReachPair } from './reachability';

export const checkReturnRoutes: Rule = (context) => {
  const findings: Finding[] = [];
  // Only a peering's missing return is a route to add: a CCN's routes are the cloud's (its
  // missing returns are CCN_ROUTE_CONFLICT or an attachment not active, found by the CCN rules).
  const peeringIds = new Set(context.plan.peerings.map((peering) => peering.id));
  const visit = (pair: ReachPair, returnTable: string | null): void => {
    if (pair.via === null || !peeringIds.has(pair.via)) return;
    const where = returnTable ? `route table ${returnTable}` : `the route table of ${pair.to}`;
    const subnet = context.subnetIndexById.get(pair.from);
    const sourceCidr = subnet === undefined ? pair.from : context.subnets[subnet]!.cidr;
    findings.push(
      finding(
        'ROUTE_RETURN_MISSING',
        `${pair.from} reaches ${pair.to} over ${pair.via}, but no route brings the reply back: add a route to ${sourceCidr} (or its VPC's CIDR) via ${pair.via} in ${where}.`,
        returnTable ? [pair.from, pair.to, pair.via, returnTable] : [pair.from, pair.to, pair.via],
      ),
    );
  };
  forEachReachPair(context.plan, { scope: 'peered' }, visit, 'no-return');
  return findings;
};
