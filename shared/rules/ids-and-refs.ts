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
import { UNKNOWN_PEERING } from './context';
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
  const kinds: [{ readonly size: number }, readonly { readonly id: string }[], string, string][] = [
    [context.accountById, plan.accounts, 'account', 'accounts'],
    [context.vpcIndexById, plan.vpcs, 'VPC', 'VPCs'],
    [context.routeTableIndexById, context.routeTables, 'route table', 'route tables'],
    [context.subnetIndexById, context.subnets, 'subnet', 'subnets'],
    [context.peeringIndexById, plan.peerings, 'peering', 'peerings'],
  ];
  for (const [byId, items, kind, plural] of kinds) {
    if (byId.size < items.length)
      findings.push(
        ...duplicates(
          kind,
          plural,
          items.map((item) => item.id),
        ),
      );
  }
  return findings;
}

export function checkReferences(context: RuleContext): Finding[] {
  const { plan, accountById, vpcIndexById, peeringIndexById, routeTableIndexById } = context;
  const findings: Finding[] = [];
  const unknown = (message: string, subjects: string[]) =>
    findings.push(finding('REF_UNKNOWN', message, subjects));

  for (let v = 0; v < plan.vpcs.length; v++) {
    const vpc = plan.vpcs[v]!;
    if (!accountById.has(vpc.account)) {
      unknown(
        `VPC ${vpc.id} belongs to account "${vpc.account}", which is not in the plan: add the account or fix the ID.`,
        [vpc.id, vpc.account],
      );
    }
    for (const subnet of vpc.subnets) {
      if (subnet.routeTable === undefined || hasTable(vpc.routeTables, subnet.routeTable)) continue;
      const table = routeTableIndexById.get(subnet.routeTable);
      if (table === undefined) {
        unknown(
          `Subnet ${subnet.id} is associated with route table "${subnet.routeTable}", which is not in the plan: pick a route table of VPC ${vpc.id}.`,
          [subnet.id, subnet.routeTable],
        );
      } else {
        // A subnet can only use a table of its own VPC; another VPC's table is no table for it.
        const owner = plan.vpcs[context.routeTableVpc[table]!]!;
        unknown(
          `Subnet ${subnet.id} is associated with route table ${subnet.routeTable} of another VPC (${owner.id}): pick a route table of VPC ${vpc.id}.`,
          [subnet.id, subnet.routeTable],
        );
      }
    }
  }
  const { routeTables, routeFirst, routeNextHop } = context;
  for (let t = 0; t < routeTables.length; t++) {
    const table = routeTables[t]!;
    const first = routeFirst[t]!;
    for (let i = 0; i < table.routes.length; i++) {
      // Only peering next hops refer to plan objects; NAT, VPN … IDs are the cloud's own.
      if (routeNextHop[first + i] !== UNKNOWN_PEERING) continue;
      const route = table.routes[i]!;
      unknown(
        `Route ${routeId(table.id, i)} (${route.destination}) goes to peering "${route.nextHop.id}", which is not in the plan: fix the next hop or remove the route.`,
        [routeId(table.id, i), route.nextHop.id],
      );
    }
  }
  for (const peering of plan.peerings) {
    if (!vpcIndexById.has(peering.requester)) unknownEnd(peering.id, 'requester', peering.requester, unknown);
    if (!vpcIndexById.has(peering.accepter)) unknownEnd(peering.id, 'accepter', peering.accepter, unknown);
  }
  plan.traffic.forEach((sample, index) => {
    if (!peeringIndexById.has(sample.peering)) {
      unknown(
        `Traffic sample traffic[${index}] (${sample.at}) is for peering "${sample.peering}", which is not in the plan: fix the peering ID or drop the sample.`,
        [sample.peering],
      );
    }
  });
  return findings;
}

function hasTable(tables: readonly { readonly id: string }[], id: string): boolean {
  for (const table of tables) if (table.id === id) return true;
  return false;
}

function unknownEnd(
  peeringId: string,
  side: 'requester' | 'accepter',
  vpcId: string,
  unknown: (message: string, subjects: string[]) => void,
): void {
  unknown(
    `Peering ${peeringId}: its ${side} "${vpcId}" is not a VPC of the plan: add the VPC or fix the ID.`,
    [peeringId, vpcId],
  );
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
