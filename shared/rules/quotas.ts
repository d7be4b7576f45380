/**
 * Quotas (QUOTA_EXCEEDED), each by one counting pass: VPCs per region per account, subnets,
 * route tables and secondary CIDRs per VPC, routes per route table, and peerings per VPC
 * (pending, active and isolated ones on the planning date, against the VPC's own `peeringQuota`:
 * an isolated peering still exists in the cloud and holds its place).
 */
import { QUOTAS } from '../catalog/quotas';
import type { Quota } from '../catalog/quotas';
import type { Peering, Vpc } from '../plan/model';
import { UNKNOWN_VPC } from './context';
import type { RuleContext } from './context';
import { finding } from './finding';
import type { Finding } from './finding';

function exceeded(
  quota: Quota,
  limit: number,
  count: number,
  where: string,
  fix: string,
  subjects: string[],
): Finding {
  return finding(
    'QUOTA_EXCEEDED',
    `${where} has ${count} ${quota.label.split(' per ')[0]}, above the quota of ${limit} ${quota.label}: ${fix}`,
    subjects,
  );
}

export function checkQuotas(context: RuleContext): Finding[] {
  const { plan } = context;
  const findings: Finding[] = [];

  // VPCs per region per account.
  const vpcsByAccountRegion = new Map<string, Map<string, Vpc[]>>();
  for (const vpc of plan.vpcs) {
    let byRegion = vpcsByAccountRegion.get(vpc.account);
    if (!byRegion) vpcsByAccountRegion.set(vpc.account, (byRegion = new Map()));
    const list = byRegion.get(vpc.region);
    if (list) list.push(vpc);
    else byRegion.set(vpc.region, [vpc]);
  }
  const vpcQuota = QUOTAS.vpcsPerRegionPerAccount;
  for (const byRegion of vpcsByAccountRegion.values())
    for (const vpcs of byRegion.values()) {
      if (vpcs.length > vpcQuota.limit) {
        const { account, region } = vpcs[0]!;
        findings.push(
          exceeded(
            vpcQuota,
            vpcQuota.limit,
            vpcs.length,
            `Account ${account} in ${region}`,
            'spread the VPCs over regions or accounts, or raise the quota with a ticket.',
            [account, ...vpcs.map((v) => v.id)],
          ),
        );
      }
    }

  const perVpc: [Quota, (vpc: Vpc) => number, string][] = [
    [QUOTAS.subnetsPerVpc, (vpc) => vpc.subnets.length, 'merge subnets or split the VPC.'],
    [QUOTAS.routeTablesPerVpc, (vpc) => vpc.routeTables.length, 'share route tables between subnets.'],
    [QUOTAS.secondaryCidrsPerVpc, (vpc) => vpc.secondaryCidrs.length, 'use fewer, larger secondary blocks.'],
  ];
  for (const vpc of plan.vpcs) {
    for (const [quota, count, fix] of perVpc) {
      const n = count(vpc);
      if (n > quota.limit) findings.push(exceeded(quota, quota.limit, n, `VPC ${vpc.id}`, fix, [vpc.id]));
    }
    const routeQuota = QUOTAS.routesPerRouteTable;
    for (const table of vpc.routeTables) {
      if (table.routes.length > routeQuota.limit) {
        findings.push(
          exceeded(
            routeQuota,
            routeQuota.limit,
            table.routes.length,
            `Route table ${table.id}`,
            'aggregate destinations into wider blocks or move subnets to another table.',
            [table.id],
          ),
        );
      }
    }
  }

  // Peerings per VPC: count each live peering once at each end it names (a self-peering once),
  // at the VPC that ID resolves to; list the peerings only of the VPCs above their quota.
  const { peeringState, peeringRequester, peeringAccepter } = context;
  const live = (p: number) =>
    peeringState[p] === 'pending' || peeringState[p] === 'active' || peeringState[p] === 'isolated';
  const counts = new Int32Array(plan.vpcs.length);
  for (let p = 0; p < plan.peerings.length; p++) {
    if (!live(p)) continue;
    const requester = peeringRequester[p]!;
    const accepter = peeringAccepter[p]!;
    if (requester !== UNKNOWN_VPC) counts[requester]!++;
    if (accepter !== UNKNOWN_VPC && accepter !== requester) counts[accepter]!++;
  }
  const over = new Map<number, Peering[]>();
  for (let p = 0; p < plan.peerings.length; p++) {
    if (!live(p)) continue;
    for (const end of [peeringRequester[p]!, peeringAccepter[p]!]) {
      if (end === UNKNOWN_VPC || counts[end]! <= plan.vpcs[end]!.peeringQuota) continue;
      const list = over.get(end);
      if (!list) over.set(end, [plan.peerings[p]!]);
      else if (list[list.length - 1] !== plan.peerings[p]) list.push(plan.peerings[p]!);
    }
  }
  const peeringQuota = QUOTAS.peeringsPerVpc;
  for (const [v, peerings] of over) {
    const vpc = plan.vpcs[v]!;
    findings.push(
      exceeded(
        peeringQuota,
        vpc.peeringQuota,
        peerings.length,
        `VPC ${vpc.id}`,
        "remove peerings (pending requests and isolated peerings count too), or raise the quota with a ticket and enter it as the VPC's peeringQuota.",
        [vpc.id, ...peerings.map((p) => p.id)],
      ),
    );
  }
  return findings;
}
