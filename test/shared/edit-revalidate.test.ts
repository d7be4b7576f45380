import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdit } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import { IncrementalValidator } from '../../shared/edit/revalidate';
import { createPeering, deletePeering, deleteVpc } from '../../shared/edit/workflow';
import type { Peering, PeeringState, Plan, Vpc } from '../../shared/plan/model';
import type { Finding } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';
import { vpc } from './edit-fixtures';

const BLOCKS = [
  '10.0.0.0/16',
  '10.1.0.0/16',
  '10.2.0.0/16',
  '10.0.0.0/12',
  '172.16.0.0/16',
  '192.168.0.0/16',
  '10.3.0.0/24',
];
const REGIONS = ['ap-guangzhou', 'ap-beijing', 'ap-singapore'];
const STATES: PeeringState[] = ['active', 'active', 'pending', 'expired', 'rejected'];

/** A small random plan with overlaps, peerings in every state and routes through them. */
function randomPlan(seed: number): Plan {
  let s = seed >>> 0;
  const rand = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const vpcs: Vpc[] = [];
  const count = 6 + rand(8);
  for (let i = 0; i < count; i++) {
    const cidr = BLOCKS[rand(BLOCKS.length)]!;
    const base = cidr.split('/')[0]!.split('.');
    vpcs.push(
      vpc(`v${i}`, cidr, {
        region: REGIONS[rand(REGIONS.length)]!,
        account: rand(3) === 0 ? 'acc-partner' : 'acc-own',
        subnets: [
          {
            id: `s${i}`,
            name: `s${i}`,
            cidr: `${base[0]}.${base[1]}.${rand(3)}.0/24`,
            routeTable: `rtb-v${i}`,
          },
        ],
      }),
    );
  }
  const peerings: Peering[] = [];
  const pcount = rand(count * 2);
  for (let j = 0; j < pcount; j++) {
    const a = rand(count);
    const b = rand(count);
    peerings.push({
      id: `p${j}`,
      name: `p${j}`,
      requester: `v${a}`,
      accepter: `v${b}`,
      state: STATES[rand(STATES.length)]!,
      requestedAt: '2026-11-20',
      ...(rand(2) === 0 ? { bandwidthMbps: 100 + rand(2000) } : {}),
      bandwidthQuotaMbps: 1000,
      chargeType: 'daily-peak',
    });
  }
  // Routes: each peering gets a route on the requester side towards some VPC's block.
  const withRoutes = vpcs.map((v) => {
    const mine = peerings.filter((p) => p.requester === v.id);
    const routes = mine.map((p) => ({
      destination: vpcs[rand(count)]!.cidr,
      nextHop: { type: 'peering' as const, id: p.id },
      enabled: true,
    }));
    return { ...v, routeTables: [{ ...v.routeTables[0]!, routes }] };
  });
  return {
    format: 'peerplan/1',
    name: 'random',
    asOf: '2026-11-26',
    settings: { freeBandwidthMbps: 0, billingTimeZone: '+08:00' },
    accounts: [
      { id: 'acc-own', name: 'Own', own: true, trusted: true },
      { id: 'acc-partner', name: 'Partner', own: false, trusted: false },
    ],
    vpcs: withRoutes,
    peerings,
    traffic: [],
    prices: null,
  };
}

/** A random edit that fits the plan. */
function randomEdit(plan: Plan, pick: number[]): Edit {
  const at = (n: number, k: number): number => (n === 0 ? 0 : pick[k]! % n);
  const v = plan.vpcs[at(plan.vpcs.length, 1)];
  const w = plan.vpcs[at(plan.vpcs.length, 2)];
  const p = plan.peerings[at(plan.peerings.length, 3)];
  switch (pick[0]! % 8) {
    case 0:
      if (v) return { kind: 'vpc.update', id: v.id, patch: { cidr: BLOCKS[pick[4]! % BLOCKS.length]! } };
      break;
    case 1:
      if (v && w && v.id !== w.id) return createPeering(plan, { requester: v.id, accepter: w.id }).edit;
      break;
    case 2:
      if (p) return deletePeering(plan, p.id).edit;
      break;
    case 3:
      if (p)
        return {
          kind: 'peering.update',
          id: p.id,
          patch: { bandwidthMbps: pick[4]! % 2 ? undefined : 50 + pick[4]! },
        };
      break;
    case 4:
      if (p) return { kind: 'peering.update', id: p.id, patch: { state: STATES[pick[4]! % STATES.length]! } };
      break;
    case 5:
      if (v) return deleteVpc(plan, v.id).edit;
      break;
    case 6:
      if (v) return { kind: 'vpc.update', id: v.id, patch: { region: REGIONS[pick[4]! % REGIONS.length]! } };
      break;
    case 7:
      if (v && w)
        return {
          kind: 'route.add',
          routeTable: v.routeTables[0]!.id,
          route: { destination: w.cidr, nextHop: { type: 'peering', id: p?.id ?? 'p0' }, enabled: true },
        };
      break;
  }
  return { kind: 'vpc.add', vpc: vpc(`new${pick.join('-')}`, BLOCKS[pick[4]! % BLOCKS.length]!) };
}

function canonical(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify([f.code, f.message, [...f.subjects].sort()])).sort();
}

describe('incremental validation', () => {
  it('gives exactly the findings of a full validation after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.array(fc.array(fc.nat(1000), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (seed, picks) => {
          let plan = randomPlan(seed);
          // Never fall back to a full validation for a big neighbourhood: test the incremental path.
          const validator = new IncrementalValidator(validatePlan, Infinity);
          validator.findings(plan);
          for (const pick of picks) {
            plan = applyEdit(plan, randomEdit(plan, pick)).plan;
            expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('validates only a neighbourhood after a small edit', () => {
    const plan = randomPlan(7);
    const validator = new IncrementalValidator(validatePlan, Infinity);
    validator.findings(plan);
    expect(validator.lastStats?.mode).toBe('full');
    const p = plan.peerings[0]!;
    validator.findings(
      applyEdit(plan, { kind: 'peering.update', id: p.id, patch: { name: 'renamed' } }).plan,
    );
    expect(validator.lastStats?.mode).toBe('incremental');
    expect(validator.lastStats!.vpcs).toBeLessThan(plan.vpcs.length);
  });
});
