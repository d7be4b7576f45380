/**
 * IDs and references: ID_DUPLICATE, REF_UNKNOWN, REGION_UNKNOWN.
 *
 * IDs are unique within their kind (plan-format.md): an account and a VPC may share an ID, two
 * VPCs may not. A reference that names no object gets REF_UNKNOWN; its subjects are the object
 * that holds the reference and the unknown ID it names (so a search for either finds it). A
 * traffic sample has no ID of its own: its finding names the unknown peering ID only.
 */
import { isKnownRegion } from '../catalog/regions';
import { routeId } from '../plan/model';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function duplicates(kind: string, plural: string, ids: Iterable<string>): Finding[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const findings: Finding[] = [];
  for (const [id, count] of counts) {
    if (count > 1) {
      findings.push(
        finding(
          'ID_DUPLICATE',
          `${count} ${plural} share the ID "${id}": give each ${kind} its own ID (IDs are unique within their kind).`,
          [id],
        ),
      );
    }
  }
  return findings;
}

export function checkDuplicateIds(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];
  // The index keeps the first object of each ID: a kind has duplicates exactly when its map is
  // smaller than its list, so the common case (no duplicate) costs nothing more.
  if (context.accountById.size < plan.accounts.length) {
    findings.push(
      ...duplicates(
        'account',
        'accounts',
        plan.accounts.map((a) => a.id),
      ),
    );
  }
  if (context.vpcById.size < plan.vpcs.length) {
    findings.push(
      ...duplicates(
        'VPC',
        'VPCs',
        plan.vpcs.map((v) => v.id),
      ),
    );
  }
  if (context.routeTableById.size < context.routeTables.length) {
    findings.push(
      ...duplicates(
        'route table',
        'route tables',
        context.routeTables.map((t) => t.table.id),
      ),
    );
  }
  if (context.subnetById.size < context.subnets.length) {
    findings.push(
      ...duplicates(
        'subnet',
        'subnets',
        context.subnets.map((s) => s.subnet.id),
      ),
    );
  }
  if (context.peeringById.size < plan.peerings.length) {
    findings.push(
      ...duplicates(
        'peering',
        'peerings',
        plan.peerings.map((p) => p.id),
      ),
    );
  }
  return findings;
}

export function checkReferences(context: RuleContext): Finding[] {
  const { plan, accountById, vpcById, peeringById, routeTableById } = context;
  const findings: Finding[] = [];
  const unknown = (message: string, subjects: string[]) =>
    findings.push(finding('REF_UNKNOWN', message, subjects));

  for (const vpc of plan.vpcs) {
    if (!accountById.has(vpc.account)) {
      unknown(
        `VPC ${vpc.id} belongs to account "${vpc.account}", which is not in the plan: add the account or fix the ID.`,
        [vpc.id, vpc.account],
      );
    }
    for (const subnet of vpc.subnets) {
      if (subnet.routeTable === undefined || vpc.routeTables.some((t) => t.id === subnet.routeTable))
        continue;
      const table = routeTableById.get(subnet.routeTable);
      if (!table) {
        unknown(
          `Subnet ${subnet.id} is associated with route table "${subnet.routeTable}", which is not in the plan: pick a route table of VPC ${vpc.id}.`,
          [subnet.id, subnet.routeTable],
        );
      } else {
        // A subnet can only use a table of its own VPC; another VPC's table is no table for it.
        unknown(
          `Subnet ${subnet.id} is associated with route table ${subnet.routeTable} of another VPC (${table.vpc.id}): pick a route table of VPC ${vpc.id}.`,
          [subnet.id, subnet.routeTable],
        );
      }
    }
  }
  for (const { table, nextHopPeerings } of context.routeTables) {
    const { routes } = table;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      // Only peering next hops refer to plan objects; NAT, VPN … IDs are the cloud's own.
      if (route.nextHop.type === 'peering' && nextHopPeerings[i] === undefined) {
        unknown(
          `Route ${routeId(table.id, i)} (${route.destination}) goes to peering "${route.nextHop.id}", which is not in the plan: fix the next hop or remove the route.`,
          [routeId(table.id, i), route.nextHop.id],
        );
      }
    }
  }
  for (const peering of plan.peerings) {
    for (const [side, vpcId] of [
      ['requester', peering.requester],
      ['accepter', peering.accepter],
    ] as const) {
      if (!vpcById.has(vpcId)) {
        unknown(
          `Peering ${peering.id}: its ${side} "${vpcId}" is not a VPC of the plan: add the VPC or fix the ID.`,
          [peering.id, vpcId],
        );
      }
    }
  }
  plan.traffic.forEach((sample, index) => {
    if (!peeringById.has(sample.peering)) {
      unknown(
        `Traffic sample traffic[${index}] (${sample.at}) is for peering "${sample.peering}", which is not in the plan: fix the peering ID or drop the sample.`,
        [sample.peering],
      );
    }
  });
  return findings;
}

export function checkRegions({ plan }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const vpc of plan.vpcs) {
    if (!isKnownRegion(vpc.region)) {
      findings.push(
        finding(
          'REGION_UNKNOWN',
          `VPC ${vpc.id} is in region "${vpc.region}", which is not in the region catalog: check the spelling (e.g. ap-guangzhou). Until then it is priced as outside mainland China.`,
          [vpc.id],
        ),
      );
    }
  }
  return findings;
}
