import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdit } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import { IncrementalValidator } from '../../shared/edit/revalidate';
import { createPeering, deletePeering, deleteVpc } from '../../shared/edit/workflow';
import type { Peering, PeeringState, Plan, TrafficSample, Vpc } from '../../shared/plan/model';
import type { Finding } from '../../shared/rules/finding';
import { validatePlan } from '../../shared/rules/validate';
import { randomOf, randomVpcs, vpc } from './edit-fixtures';

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
  const rand = randomOf(seed);
  const count = 6 + rand(8);
  const vpcs = randomVpcs(rand, count, BLOCKS, REGIONS);
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
    ccns: [],
    ccnTraffic: [],
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

/**
 * A random plan with what the small one lacks: an account-region group past its quota of 20 VPCs,
 * NAT default routes, subnets naming another VPC's table, traffic (some over the cap, some for an
 * unknown peering, over two months), planned peaks and monthly-p95 billing.
 */
function richPlan(seed: number): Plan {
  const base = randomPlan(seed);
  let s = (seed ^ 0x5bd1e995) >>> 0;
  const rand = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const crowd = rand(2) === 0 ? 20 : 0;
  const extra: Vpc[] = [];
  for (let i = 0; i < crowd; i++) extra.push(vpc(`g${i}`, `192.168.${i}.0/24`));
  const vpcs = [...base.vpcs, ...extra].map((v, i, all) => {
    const table = v.routeTables[0]!;
    const routes =
      rand(3) === 0
        ? [
            ...table.routes,
            { destination: '0.0.0.0/0', nextHop: { type: 'nat' as const, id: 'nat-1' }, enabled: true },
          ]
        : table.routes;
    const foreign = all[rand(all.length)]!.routeTables[0]!.id;
    const subnets = v.subnets.map((subnet) => (rand(4) === 0 ? { ...subnet, routeTable: foreign } : subnet));
    return { ...v, subnets, routeTables: [{ ...table, routes }] };
  });
  const peerings = base.peerings.map((p) => ({
    ...p,
    ...(rand(3) === 0 ? { expectedPeakMbps: 50 + rand(3000) } : {}),
    ...(rand(4) === 0 ? { chargeType: 'monthly-p95' as const } : {}),
  }));
  const traffic: TrafficSample[] = [];
  for (const id of [...peerings.map((p) => p.id), 'p-ghost']) {
    if (rand(2) === 0) continue;
    for (let k = 0; k < 1 + rand(3); k++) {
      const month = rand(3) === 0 ? '10' : '11';
      const day = String(1 + rand(25)).padStart(2, '0');
      traffic.push({
        peering: id,
        at: `2026-${month}-${day}T10:00:00+08:00`,
        inMbps: rand(3000),
        outMbps: rand(100),
      });
    }
  }
  return { ...base, vpcs, peerings, traffic };
}

/** Edits the small plan's edits miss: raw deletes, inserts in the middle, foreign tables, IDs. */
function richEdit(plan: Plan, pick: number[]): Edit {
  const at = (n: number, k: number): number => (n === 0 ? 0 : pick[k]! % n);
  const v = plan.vpcs[at(plan.vpcs.length, 1)];
  const w = plan.vpcs[at(plan.vpcs.length, 2)];
  const p = plan.peerings[at(plan.peerings.length, 3)];
  switch (pick[0]! % 10) {
    case 0:
      if (p) return { kind: 'peering.delete', id: p.id }; // its routes and samples stay
      break;
    case 1:
      return {
        kind: 'vpc.add',
        vpc: vpc(`mid${pick.join('-')}`, BLOCKS[pick[4]! % BLOCKS.length]!),
        index: at(plan.vpcs.length + 1, 4),
      };
    case 2: {
      const subnet = v?.subnets[0];
      const table = w?.routeTables[0];
      if (v && subnet && table)
        return { kind: 'subnet.update', vpc: v.id, id: subnet.id, patch: { routeTable: table.id } };
      break;
    }
    case 3:
      if (v)
        return { kind: 'vpc.update', id: v.id, patch: { account: pick[4]! % 2 ? 'acc-partner' : 'acc-own' } };
      break;
    case 4:
      if (v && w && v.id !== w.id && !plan.peerings.some((x) => x.id === 'p-ghost'))
        return {
          kind: 'peering.add',
          peering: {
            id: 'p-ghost',
            name: 'ghost',
            requester: v.id,
            accepter: w.id,
            state: 'active',
            bandwidthMbps: 10,
            bandwidthQuotaMbps: 1000,
            chargeType: 'daily-peak',
          },
          index: at(plan.peerings.length + 1, 4),
        };
      break;
    case 5:
      if (p) return { kind: 'peering.update', id: p.id, patch: { expectedPeakMbps: pick[4]! * 5 } };
      break;
    case 6: {
      const other = w?.subnets[0];
      if (v && other)
        return {
          kind: 'subnet.add',
          vpc: v.id,
          subnet: { id: other.id, name: 'twin', cidr: '10.9.9.0/24', routeTable: v.routeTables[0]?.id },
        };
      break;
    }
    case 7:
      if (v && w)
        return {
          kind: 'route.add',
          routeTable: v.routeTables[0]!.id,
          route: { destination: w.cidr, nextHop: { type: 'nat', id: 'nat-2' }, enabled: pick[4]! % 2 === 0 },
        };
      break;
    case 8: // the same VPC object, moved (plan order changes what some findings list first)
      if (v)
        return {
          kind: 'batch',
          edits: [
            { kind: 'vpc.delete', id: v.id },
            { kind: 'vpc.add', vpc: v, index: at(plan.vpcs.length, 4) },
          ],
        };
      break;
    case 9:
      if (p)
        return {
          kind: 'batch',
          edits: [
            { kind: 'peering.delete', id: p.id },
            { kind: 'peering.add', peering: p, index: at(plan.peerings.length, 4) },
          ],
        };
      break;
  }
  return randomEdit(plan, pick);
}

function canonical(findings: readonly Finding[]): string[] {
  return findings.map((f) => JSON.stringify([f.code, f.message, [...f.subjects].sort()])).sort();
}

describe('incremental validation', () => {
  /**
   * Random plans and random edit sequences: after each edit (and, where `step` asks, its undo)
   * the incremental validator gives exactly the findings of a full validation. It never falls
   * back to a full validation for a big neighbourhood, so the incremental path is what is tested.
   */
  function staysExact(
    planOf: (seed: number) => Plan,
    editOf: (plan: Plan, pick: number[]) => Edit,
    options: { maxEdits: number; undo: boolean; refusalsAllowed: boolean },
  ): void {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.array(fc.array(fc.nat(1000), { minLength: 5, maxLength: 5 }), {
          minLength: 1,
          maxLength: options.maxEdits,
        }),
        (seed, picks) => {
          let plan = planOf(seed);
          const validator = new IncrementalValidator(validatePlan, Infinity);
          validator.findings(plan);
          for (const pick of picks) {
            let result;
            try {
              result = applyEdit(plan, editOf(plan, pick));
            } catch (refused) {
              // An edit that does not fit (a duplicate VPC ID) is refused: nothing to check.
              if (options.refusalsAllowed) continue;
              throw refused;
            }
            plan = result.plan;
            expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
            // and back, as undo does
            if (options.undo && pick[4]! % 3 === 0) {
              plan = applyEdit(plan, result.inverse).plan;
              expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }

  it('gives exactly the findings of a full validation after any sequence of edits', () => {
    staysExact(randomPlan, randomEdit, { maxEdits: 6, undo: false, refusalsAllowed: false });
  });

  it('stays exact with traffic, crowded groups, NAT routes, foreign tables and raw deletes', () => {
    staysExact(
      richPlan,
      (plan, pick) =>
        pick[0]! % 2 === 0 ? richEdit(plan, pick.slice(1).concat(pick[0]!)) : randomEdit(plan, pick),
      { maxEdits: 8, undo: true, refusalsAllowed: true },
    );
  });

  it('follows many inserts at one place (order keys renumbered when the gap runs out)', () => {
    let plan = richPlan(11);
    const validator = new IncrementalValidator(validatePlan, Infinity);
    validator.findings(plan);
    for (let i = 0; i < 70; i++) {
      const block = BLOCKS[i % BLOCKS.length]!;
      const edit: Edit = {
        kind: 'vpc.add',
        vpc: vpc(`ins${i}`, block, { region: REGIONS[i % 3]! }),
        index: 1,
      };
      plan = applyEdit(plan, edit).plan;
      validator.findings(plan);
      expect(validator.lastStats?.mode).toBe('incremental');
    }
    expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
    const peering = createPeering(plan, { requester: 'ins69', accepter: 'ins3' }).edit;
    plan = applyEdit(plan, peering).plan;
    expect(canonical(validator.findings(plan))).toEqual(canonical(validatePlan(plan)));
  });

  it('validates in full when a removed peering is still named by traffic', () => {
    const plan = richPlan(3);
    const named = plan.peerings.find((p) => plan.traffic.some((t) => t.peering === p.id))!;
    const validator = new IncrementalValidator(validatePlan, Infinity);
    validator.findings(plan);
    const after = applyEdit(plan, { kind: 'peering.delete', id: named.id }).plan;
    expect(canonical(validator.findings(after))).toEqual(canonical(validatePlan(after)));
    expect(validator.lastStats?.mode).toBe('full');
  });

  it('keeps a NAT default route everywhere out of the neighbourhood of a CIDR change', () => {
    const base = randomPlan(5);
    const nat = { destination: '0.0.0.0/0', nextHop: { type: 'nat' as const, id: 'nat-1' }, enabled: true };
    const far: Vpc[] = Array.from({ length: 40 }, (_, i) =>
      vpc(`far${i}`, `172.20.${i}.0/24`, { account: `acc-own`, region: REGIONS[i % 3]! }),
    );
    const plan: Plan = {
      ...base,
      vpcs: [...base.vpcs, ...far].map((v) => ({
        ...v,
        routeTables: v.routeTables.map((t) => ({ ...t, routes: [...t.routes, nat] })),
      })),
    };
    const validator = new IncrementalValidator();
    validator.findings(plan);
    const after = applyEdit(plan, {
      kind: 'vpc.update',
      id: 'far7',
      patch: { cidr: '172.20.200.0/24' },
    }).plan;
    expect(canonical(validator.findings(after))).toEqual(canonical(validatePlan(after)));
    expect(validator.lastStats?.mode).toBe('incremental');
  });

  it("prices the changed peerings in the month of the plan's latest sample, not of their own", () => {
    const peering = (id: string, requester: string, accepter: string): Peering => ({
      id,
      name: id,
      requester,
      accepter,
      state: 'active',
      bandwidthMbps: 5000,
      bandwidthQuotaMbps: 5000,
      chargeType: 'daily-peak',
    });
    const plan: Plan = {
      ...randomPlan(1),
      vpcs: [
        vpc('a', '10.0.0.0/16'),
        vpc('b', '10.1.0.0/16', { region: 'ap-beijing' }),
        vpc('c', '10.2.0.0/16'),
        vpc('d', '10.3.0.0/16', { region: 'ap-beijing' }),
      ],
      peerings: [peering('pab', 'a', 'b'), peering('pcd', 'c', 'd')],
      // Above 100 Mbps the price is on request: only in October for pab, whose month is not the report's.
      prices: {
        currency: 'CNY',
        mainlandRegions: ['ap-guangzhou', 'ap-beijing'],
        mainland: {
          dailyPeak: [
            { upToMbps: 100, price: 10 },
            { upToMbps: null, price: null },
          ],
          monthlyP95: [{ upToMbps: null, price: 100 }],
        },
        pairs: [],
      },
      traffic: [
        { peering: 'pab', at: '2026-10-20T10:00:00+08:00', inMbps: 500, outMbps: 1 },
        { peering: 'pcd', at: '2026-11-20T10:00:00+08:00', inMbps: 50, outMbps: 1 },
      ],
    };
    const validator = new IncrementalValidator(validatePlan, Infinity);
    validator.findings(plan);
    const after = applyEdit(plan, { kind: 'vpc.update', id: 'a', patch: { name: 'renamed' } }).plan;
    expect(canonical(validator.findings(after))).toEqual(canonical(validatePlan(after)));
    expect(validator.lastStats?.mode).toBe('incremental');
  });

  it('reports a route that names a deleted peering of two other VPCs', () => {
    const base = randomPlan(1);
    const plan: Plan = {
      ...base,
      vpcs: [
        vpc('a', '10.0.0.0/16'),
        vpc('b', '10.1.0.0/16'),
        vpc('c', '10.2.0.0/16', {
          routeTables: [
            {
              id: 'rtb-c',
              name: 'default',
              default: true,
              routes: [
                { destination: '10.1.0.0/16', nextHop: { type: 'peering', id: 'pab' }, enabled: true },
              ],
            },
          ],
        }),
        ...Array.from({ length: 6 }, (_, i) => vpc(`far${i}`, `172.20.${i}.0/24`)),
      ],
      peerings: [{ ...base.peerings[0]!, id: 'pab', requester: 'a', accepter: 'b', state: 'active' }],
      traffic: [],
    };
    const validator = new IncrementalValidator(validatePlan, Infinity);
    validator.findings(plan);
    const after = applyEdit(plan, { kind: 'peering.delete', id: 'pab' }).plan;
    const findings = validator.findings(after);
    expect(canonical(findings)).toEqual(canonical(validatePlan(after)));
    expect(findings.some((f) => f.code === 'REF_UNKNOWN' && f.subjects.includes('rtb-c#0'))).toBe(true);
    expect(validator.lastStats?.mode).toBe('incremental');
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
