/**
 * Incremental validation with CCNs (shared/edit/revalidate.ts): after any sequence of edits,
 * of the CCNs themselves (any change of `plan.ccns`, compared by identity) or of the VPCs,
 * subnets, routes and peerings that decide what CCN members publish, shadow or may migrate,
 * the incremental findings equal those of a full `validatePlan`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import { IncrementalValidator } from '../../shared/edit/revalidate';
import type {
  Ccn,
  CcnAttachment,
  CcnAttachmentState,
  CcnTrafficSample,
  Peering,
  Plan,
} from '../../shared/plan/model';
import type { Finding } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';
import { randomOf, randomVpcs, vpc } from './edit-fixtures';
import type { Rand } from './edit-fixtures';

const BLOCKS = [
  '10.0.0.0/16',
  '10.1.0.0/16',
  '10.2.0.0/16',
  '10.3.0.0/16',
  '10.4.0.0/16',
  '10.0.0.0/12',
  '10.0.128.0/17',
  '172.16.0.0/16',
  '192.168.0.0/16',
];
const REGIONS = ['ap-guangzhou', 'ap-beijing', 'ap-shanghai'];
const STATES: CcnAttachmentState[] = ['active', 'active', 'active', 'pending', 'rejected'];

function attachment(rand: Rand, vpcId: string): CcnAttachment {
  return {
    vpc: vpcId,
    state: STATES[rand(STATES.length)]!,
    publish: rand(3) === 0 ? 'subnets' : 'vpc',
    ...(rand(3) === 0 ? {} : { attachedAt: `2026-11-0${1 + rand(5)}` }),
  };
}

function randomCcn(rand: Rand, id: string, vpcIds: readonly string[]): Ccn {
  const attachments: CcnAttachment[] = [];
  const count = rand(6);
  for (let k = 0; k < count; k++) attachments.push(attachment(rand, vpcIds[rand(vpcIds.length)]!));
  if (rand(4) === 0) attachments.push(attachment(rand, 'v-ghost'));
  const prepaid = rand(3) === 0;
  const inter = rand(2) === 0;
  return {
    id,
    name: id,
    account: rand(4) === 0 ? 'acc-partner' : 'acc-own',
    qosLevel: 'AU',
    chargeType: prepaid ? 'prepaid' : 'postpaid',
    bandwidthLimitType: inter ? 'inter-region' : 'outer-region',
    attachments,
    bandwidthLimits:
      rand(2) === 0
        ? []
        : [
            inter
              ? { region: REGIONS[rand(3)]!, dstRegion: REGIONS[rand(3)]!, mbps: 10 }
              : { region: REGIONS[rand(3)]!, mbps: 10 },
          ],
    expectedP95: [],
  };
}

/** A small plan: VPCs with overlapping blocks, peerings, routes to other VPCs' blocks, and CCNs. */
function randomPlan(seed: number): Plan {
  const rand = randomOf(seed);
  const count = 5 + rand(6);
  const vpcs = randomVpcs(rand, count, BLOCKS, REGIONS);
  const peerings: Peering[] = [];
  for (let j = 0; j < rand(count); j++) {
    peerings.push({
      id: `p${j}`,
      name: `p${j}`,
      requester: `v${rand(count)}`,
      accepter: `v${rand(count)}`,
      state: rand(4) === 0 ? 'pending' : 'active',
      requestedAt: '2026-11-20',
      bandwidthMbps: 100,
      bandwidthQuotaMbps: 1000,
      chargeType: 'daily-peak',
    });
  }
  const withRoutes = vpcs.map((v) => {
    const routes = peerings
      .filter((p) => p.requester === v.id)
      .map((p) => ({
        // Mostly the peer's block (a working peering, one way: replies may come back over a CCN).
        destination: (rand(3) === 0 ? vpcs[rand(count)] : vpcs.find((x) => x.id === p.accepter))!.cidr,
        nextHop: { type: 'peering' as const, id: p.id },
        enabled: rand(4) !== 0,
      }));
    return { ...v, routeTables: [{ ...v.routeTables[0]!, routes }] };
  });
  const ids = vpcs.map((v) => v.id);
  const ccns = Array.from({ length: 1 + rand(2) }, (_, k) => randomCcn(rand, `ccn-${k}`, ids));
  const ccnTraffic: CcnTrafficSample[] =
    rand(3) === 0
      ? [
          {
            ccn: rand(2) ? 'ccn-0' : 'ccn-x',
            regions: ['ap-guangzhou', 'ap-beijing'],
            at: '2026-11-20T10:00:00+08:00',
            inMbps: 1,
            outMbps: 1,
          },
        ]
      : [];
  return {
    format: 'peerplan/1',
    name: 'random ccn',
    asOf: '2026-11-26',
    settings: { freeBandwidthMbps: 0, billingTimeZone: '+08:00' },
    accounts: [
      { id: 'acc-own', name: 'Own', own: true, trusted: true },
      { id: 'acc-partner', name: 'Partner', own: false, trusted: true },
    ],
    vpcs: withRoutes,
    peerings,
    traffic: [],
    prices: null,
    ccns,
    ccnTraffic,
  };
}

/** A new `ccns` array: one CCN changed, added or removed (what the app's CCN edits do). */
function ccnChange(plan: Plan, pick: number[]): Plan {
  const rand = randomOf(pick[4]! * 7919 + pick[1]!);
  const at = (n: number, k: number): number => (n === 0 ? 0 : pick[k]! % n);
  const ccns = [...plan.ccns];
  const index = at(ccns.length, 1);
  const ccn = ccns[index];
  const ids = [...plan.vpcs.map((v) => v.id), 'v-ghost'];
  switch (pick[2]! % 8) {
    case 0:
      ccns.push(randomCcn(rand, `ccn-n${pick[3]}`, ids));
      break;
    case 1:
      if (ccn) ccns.splice(index, 1);
      break;
    case 2: // add an attachment
      if (ccn)
        ccns[index] = {
          ...ccn,
          attachments: [...ccn.attachments, attachment(rand, ids[at(ids.length, 3)]!)],
        };
      break;
    case 3: // remove one
      if (ccn && ccn.attachments.length > 0) {
        const attachments = [...ccn.attachments];
        attachments.splice(at(attachments.length, 3), 1);
        ccns[index] = { ...ccn, attachments };
      }
      break;
    case 4: // change one's state, date or publish
      if (ccn && ccn.attachments.length > 0) {
        const attachments = [...ccn.attachments];
        const k = at(attachments.length, 3);
        attachments[k] = attachment(rand, attachments[k]!.vpc);
        ccns[index] = { ...ccn, attachments };
      }
      break;
    case 5:
      if (ccn)
        ccns[index] = {
          ...ccn,
          chargeType: ccn.chargeType === 'prepaid' ? 'postpaid' : 'prepaid',
          bandwidthLimitType: pick[3]! % 2 ? 'inter-region' : 'outer-region',
        };
      break;
    case 6:
      if (ccn) ccns[index] = { ...ccn, account: ccn.account === 'acc-own' ? 'acc-partner' : 'acc-own' };
      break;
    case 7:
      return {
        ...plan,
        ccnTraffic: plan.ccnTraffic.length
          ? []
          : [
              {
                ccn: 'ccn-x',
                regions: ['ap-guangzhou', 'ap-beijing'],
                at: '2026-11-20T10:00:00+08:00',
                inMbps: 1,
                outMbps: 1,
              },
            ],
      };
  }
  return { ...plan, ccns };
}

/** An edit of what members publish or shadow: addresses, subnets, routes, peerings, VPCs. */
function planEdit(plan: Plan, pick: number[]): Edit | null {
  const at = (n: number, k: number): number => (n === 0 ? 0 : pick[k]! % n);
  const v = plan.vpcs[at(plan.vpcs.length, 1)];
  const w = plan.vpcs[at(plan.vpcs.length, 2)];
  const p = plan.peerings[at(plan.peerings.length, 3)];
  const table = v?.routeTables[0];
  switch (pick[0]! % 9) {
    case 0:
      return v ? { kind: 'vpc.update', id: v.id, patch: { cidr: BLOCKS[pick[4]! % BLOCKS.length]! } } : null;
    case 1:
      return v
        ? { kind: 'vpc.update', id: v.id, patch: { region: REGIONS[pick[4]! % REGIONS.length]! } }
        : null;
    case 2: {
      const subnet = v?.subnets[0];
      return v && subnet
        ? {
            kind: 'subnet.update',
            vpc: v.id,
            id: subnet.id,
            patch: { cidr: `10.${pick[4]! % 2}.${pick[3]! % 4}.0/24` },
          }
        : null;
    }
    case 3: // a route to another VPC's block: shadows its CCN route when it is the same block
      return table && w
        ? {
            kind: 'route.add',
            routeTable: table.id,
            route: {
              destination: w.cidr,
              nextHop: { type: 'nat', id: 'nat-1' },
              enabled: pick[4]! % 3 !== 0,
            },
          }
        : null;
    case 4:
      return table && table.routes.length > 0
        ? {
            kind: 'route.update',
            routeTable: table.id,
            index: at(table.routes.length, 3),
            patch: { enabled: pick[4]! % 2 === 0 },
          }
        : null;
    case 5:
      return table && table.routes.length > 0
        ? { kind: 'route.delete', routeTable: table.id, index: at(table.routes.length, 3) }
        : null;
    case 6:
      return p ? { kind: 'peering.delete', id: p.id } : null;
    case 7:
      return v && w && v.id !== w.id
        ? {
            kind: 'peering.add',
            peering: {
              id: `pn${pick.join('-')}`,
              name: 'new',
              requester: v.id,
              accepter: w.id,
              state: 'active',
              bandwidthMbps: 10,
              bandwidthQuotaMbps: 1000,
              chargeType: 'daily-peak',
            },
          }
        : null;
    case 8:
      if (plan.vpcs.some((x) => x.id === 'v-ghost')) return v ? { kind: 'vpc.delete', id: v.id } : null;
      return {
        kind: 'vpc.add',
        vpc: vpc('v-ghost', BLOCKS[pick[4]! % BLOCKS.length]!),
        index: at(plan.vpcs.length, 3),
      };
  }
  return null;
}

function canonical(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify([f.code, f.message, [...f.subjects].sort()])).sort();
}

describe('incremental validation with CCNs', () => {
  it('gives exactly the findings of a full validation after any sequence of CCN and plan edits', () => {
    let incremental = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.array(fc.array(fc.nat(1000), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (seed, picks) => {
          let plan = randomPlan(seed);
          const validator = new IncrementalValidator(validatePlan, Infinity);
          validator.findings(plan);
          for (const pick of picks) {
            if (pick[0]! % 2 === 0) {
              plan = ccnChange(plan, pick);
            } else {
              const edit = planEdit(plan, pick.slice(1).concat(pick[0]!));
              if (!edit) continue;
              plan = applyEdit(plan, edit).plan;
            }
            expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
            if (validator.lastStats?.mode === 'incremental') incremental++;
          }
        },
      ),
      { numRuns: 150 },
    );
    // The incremental path is what was tested (full validations only after duplicates).
    expect(incremental).toBeGreaterThan(150);
  });

  it('an attachment edit on a plan without other changes is incremental and replaces the CCN findings', () => {
    const plan = randomPlan(7);
    const base: Plan = {
      ...plan,
      vpcs: [vpc('va', '10.0.0.0/16'), vpc('vb', '10.0.128.0/17'), ...plan.vpcs],
      ccns: [
        {
          id: 'ccn-t',
          name: 't',
          account: 'acc-own',
          qosLevel: 'AU',
          chargeType: 'postpaid',
          bandwidthLimitType: 'outer-region',
          attachments: [
            { vpc: 'va', state: 'active', publish: 'vpc', attachedAt: '2026-11-01' },
            { vpc: 'vb', state: 'pending', publish: 'vpc', attachedAt: '2026-11-02' },
          ],
          bandwidthLimits: [],
          expectedP95: [],
        },
      ],
    };
    const validator = new IncrementalValidator(validatePlan, Infinity);
    const conflicts = (p: Plan) =>
      validator.findings(p).filter((f) => f.code === 'CCN_ROUTE_CONFLICT' && f.subjects[0] === 'ccn-t');
    expect(conflicts(base)).toEqual([]);
    const [ccn] = base.ccns;
    const accepted: Plan = {
      ...base,
      ccns: [{ ...ccn!, attachments: [ccn!.attachments[0]!, { ...ccn!.attachments[1]!, state: 'active' }] }],
    };
    expect(conflicts(accepted).map((f) => f.subjects)).toEqual([['ccn-t', 'vb', 'va']]);
    expect(validator.lastStats?.mode).toBe('incremental');
    expect(conflicts(base)).toEqual([]);
    expect(validator.lastStats?.mode).toBe('incremental');
  });

  it('a member that publishes new addresses changes what the other members reach (ROUTE_RETURN_MISSING)', () => {
    // W and U peered both ways; W and V on a CCN. V re-addressed into U's block: W's CCN route to
    // V (10.1.1.0/24) is more specific than W's peering route, so U's traffic to W gets no reply.
    const w = vpc('vw', '10.0.0.0/16', {
      subnets: [{ id: 'sw', name: 'sw', cidr: '10.0.1.0/24', routeTable: 'rtb-vw' }],
      routeTables: [
        {
          id: 'rtb-vw',
          name: 'w',
          default: true,
          routes: [{ destination: '10.1.0.0/16', nextHop: { type: 'peering', id: 'pwu' }, enabled: true }],
        },
      ],
    });
    const u = vpc('vu', '10.1.0.0/16', {
      subnets: [{ id: 'su', name: 'su', cidr: '10.1.1.0/24', routeTable: 'rtb-vu' }],
      routeTables: [
        {
          id: 'rtb-vu',
          name: 'u',
          default: true,
          routes: [{ destination: '10.0.0.0/16', nextHop: { type: 'peering', id: 'pwu' }, enabled: true }],
        },
      ],
    });
    const base: Plan = {
      ...randomPlan(11),
      vpcs: [w, u, vpc('vv', '172.16.0.0/16')],
      peerings: [
        {
          id: 'pwu',
          name: 'pwu',
          requester: 'vw',
          accepter: 'vu',
          state: 'active',
          bandwidthQuotaMbps: 1000,
          chargeType: 'daily-peak',
        },
      ],
      ccns: [
        {
          id: 'ccn-w',
          name: 'w',
          account: 'acc-own',
          qosLevel: 'AU',
          chargeType: 'postpaid',
          bandwidthLimitType: 'outer-region',
          attachments: [
            { vpc: 'vw', state: 'active', publish: 'vpc' },
            { vpc: 'vv', state: 'active', publish: 'vpc' },
          ],
          bandwidthLimits: [],
          expectedP95: [],
        },
      ],
      ccnTraffic: [],
    };
    const validator = new IncrementalValidator(validatePlan, Infinity);
    const missing = (p: Plan) => validator.findings(p).filter((f) => f.code === 'ROUTE_RETURN_MISSING');
    expect(missing(base)).toEqual([]);
    const moved = applyEdit(base, { kind: 'vpc.update', id: 'vv', patch: { cidr: '10.1.1.0/24' } }).plan;
    expect(
      validatePlan(moved)
        .filter((f) => f.code === 'ROUTE_RETURN_MISSING')
        .map((f) => f.subjects),
    ).toEqual([['su', 'sw', 'pwu', 'rtb-vw']]);
    expect(missing(moved).map((f) => f.subjects)).toEqual([['su', 'sw', 'pwu', 'rtb-vw']]);
    expect(validator.lastStats?.mode).toBe('incremental');
    expect(missing(base)).toEqual([]);
  });
});
