/**
 * The normalised plan as a `peerplan/1` file: every default written out, keys in the order of
 * plan-format.md, 2-space indent and a trailing newline. Same plan, same bytes: the file diffs
 * cleanly in version control and parses back to an identical plan.
 */
import type { Ccn, Plan, PriceCatalog, PriceTier } from '../plan/model';
import type { PlanFile } from '../plan/schema';

export function planToFile(plan: Plan): PlanFile {
  return {
    format: plan.format,
    name: plan.name,
    asOf: plan.asOf,
    settings: {
      freeBandwidthMbps: plan.settings.freeBandwidthMbps,
      billingTimeZone: plan.settings.billingTimeZone,
    },
    accounts: plan.accounts.map((a) => ({ id: a.id, name: a.name, own: a.own, trusted: a.trusted })),
    vpcs: plan.vpcs.map((vpc) => ({
      id: vpc.id,
      name: vpc.name,
      account: vpc.account,
      region: vpc.region,
      cidr: vpc.cidr,
      secondaryCidrs: [...vpc.secondaryCidrs],
      peeringQuota: vpc.peeringQuota,
      routeTables: vpc.routeTables.map((table) => ({
        id: table.id,
        name: table.name,
        default: table.default,
        routes: table.routes.map((route) => ({
          destination: route.destination,
          nextHop: { type: route.nextHop.type, id: route.nextHop.id },
          enabled: route.enabled,
          ...(route.description !== undefined ? { description: route.description } : {}),
        })),
      })),
      subnets: vpc.subnets.map((subnet) => ({
        id: subnet.id,
        name: subnet.name,
        cidr: subnet.cidr,
        ...(subnet.zone !== undefined ? { zone: subnet.zone } : {}),
        ...(subnet.routeTable !== undefined ? { routeTable: subnet.routeTable } : {}),
      })),
    })),
    peerings: plan.peerings.map((p) => ({
      id: p.id,
      name: p.name,
      requester: p.requester,
      accepter: p.accepter,
      state: p.state,
      ...(p.requestedAt !== undefined ? { requestedAt: p.requestedAt } : {}),
      ...(p.bandwidthMbps !== undefined ? { bandwidthMbps: p.bandwidthMbps } : {}),
      bandwidthQuotaMbps: p.bandwidthQuotaMbps,
      chargeType: p.chargeType,
      ...(p.expectedPeakMbps !== undefined ? { expectedPeakMbps: p.expectedPeakMbps } : {}),
    })),
    traffic: [
      ...plan.traffic.map((s) => ({ peering: s.peering, at: s.at, inMbps: s.inMbps, outMbps: s.outMbps })),
      ...plan.ccnTraffic.map((s) => ({
        ccn: s.ccn,
        regions: [s.regions[0], s.regions[1]] as [string, string],
        at: s.at,
        inMbps: s.inMbps,
        outMbps: s.outMbps,
      })),
    ],
    prices: plan.prices === null ? null : catalogToFile(plan.prices),
    // Written only when present, so a plan without CCNs exports exactly as before.
    ...(plan.ccns.length > 0 ? { ccns: plan.ccns.map(ccnToFile) } : {}),
  };
}

export function ccnToFile(ccn: Ccn): NonNullable<PlanFile['ccns']>[number] {
  return {
    id: ccn.id,
    name: ccn.name,
    account: ccn.account,
    qosLevel: ccn.qosLevel,
    chargeType: ccn.chargeType,
    bandwidthLimitType: ccn.bandwidthLimitType,
    attachments: ccn.attachments.map((a) => ({
      vpc: a.vpc,
      state: a.state,
      ...(a.attachedAt !== undefined ? { attachedAt: a.attachedAt } : {}),
      publish: a.publish,
    })),
    bandwidthLimits: ccn.bandwidthLimits.map((l) => ({
      region: l.region,
      ...(l.dstRegion !== undefined ? { dstRegion: l.dstRegion } : {}),
      mbps: l.mbps,
    })),
    expectedP95: ccn.expectedP95.map((e) => ({ regions: [e.regions[0], e.regions[1]], mbps: e.mbps })),
  };
}

function tiersToFile(tiers: readonly PriceTier[]): { upToMbps: number | null; price: number | null }[] {
  return tiers.map((t) => ({ upToMbps: t.upToMbps, price: t.price }));
}

function catalogToFile(catalog: PriceCatalog): NonNullable<PlanFile['prices']> {
  return {
    currency: catalog.currency,
    mainlandRegions: [...catalog.mainlandRegions],
    mainland: {
      dailyPeak: tiersToFile(catalog.mainland.dailyPeak),
      monthlyP95: tiersToFile(catalog.mainland.monthlyP95),
    },
    pairs: catalog.pairs.map((pair) => ({
      regions: [pair.regions[0], pair.regions[1]],
      ...(pair.dailyPeak !== undefined ? { dailyPeak: tiersToFile(pair.dailyPeak) } : {}),
      ...(pair.monthlyP95 !== undefined ? { monthlyP95: tiersToFile(pair.monthlyP95) } : {}),
    })),
    ...(catalog.ccn !== undefined
      ? {
          ccn: {
            currency: catalog.ccn.currency,
            pairs: catalog.ccn.pairs.map((pair) => ({
              regions: [pair.regions[0], pair.regions[1]] as [string, string],
              ...(pair.qosLevel !== undefined ? { qosLevel: pair.qosLevel } : {}),
              ...(pair.chargeType !== undefined ? { chargeType: pair.chargeType } : {}),
              monthly: tiersToFile(pair.monthly),
            })),
            ...(catalog.ccn.instanceHourMainland !== undefined
              ? { instanceHourMainland: catalog.ccn.instanceHourMainland }
              : {}),
            ...(catalog.ccn.instanceHourOther !== undefined
              ? { instanceHourOther: catalog.ccn.instanceHourOther }
              : {}),
          },
        }
      : {}),
  };
}

/** The plan file text: `planToFile` with 2-space indent and a trailing newline. */
export function exportPlanJson(plan: Plan): string {
  return `${JSON.stringify(planToFile(plan), null, 2)}\n`;
}
