import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tryParseCidr } from '../../shared/net/cidr';
import type { Plan, Route } from '../../shared/plan/model';
import { effectivePeeringState } from '../../shared/plan/peering';
import type { ReachPair, ReachReason, ReachStatus } from '../../shared/reach/reachability';
import { computeReachability, REACH_REASONS } from '../../shared/reach/reachability';
import { partialReturnPlan, PlanBuilder, quickStart } from './plan-builder';

function pair(pairs: readonly ReachPair[], from: string, to: string): ReachPair {
  const found = pairs.find((p) => p.from === from && p.to === to);
  if (!found) throw new Error(`no pair ${from} → ${to}`);
  return found;
}

describe('the seed’s quick start (Guangzhou subnet A ↔ Beijing subnet B)', () => {
  it('is reachable both ways once both routes exist', () => {
    const pairs = computeReachability(quickStart());
    expect(pairs).toEqual([
      { from: 'subnet-gz-a', to: 'subnet-bj-b', status: 'reachable', via: 'pcx-gzbj', reasons: [] },
      { from: 'subnet-bj-b', to: 'subnet-gz-a', status: 'reachable', via: 'pcx-gzbj', reasons: [] },
    ]);
  });

  it('has no return with only the Guangzhou route', () => {
    const pairs = computeReachability(quickStart({ bjToGz: false }));
    expect(pair(pairs, 'subnet-gz-a', 'subnet-bj-b')).toMatchObject({
      status: 'no-return',
      via: 'pcx-gzbj',
      reasons: ['NO_RETURN_ROUTE'],
    });
    expect(pair(pairs, 'subnet-bj-b', 'subnet-gz-a')).toMatchObject({
      status: 'unreachable',
      reasons: ['NO_ROUTE'],
    });
  });

  it('is unreachable both ways with no route', () => {
    const pairs = computeReachability(quickStart({ gzToBj: false, bjToGz: false }));
    for (const p of pairs) {
      expect(p.status).toBe('unreachable');
      expect(p.reasons).toEqual(['NO_ROUTE', 'NO_RETURN_ROUTE']);
      expect(p.via).toBe('pcx-gzbj');
    }
  });

  it('is unreachable while the peering is pending (PEERING_INACTIVE)', () => {
    const pairs = computeReachability(quickStart({ state: 'pending' }));
    expect(pair(pairs, 'subnet-gz-a', 'subnet-bj-b')).toEqual({
      from: 'subnet-gz-a',
      to: 'subnet-bj-b',
      status: 'unreachable',
      via: 'pcx-gzbj',
      reasons: ['PEERING_INACTIVE'],
    });
  });

  it('filters by --from and --to', () => {
    const plan = quickStart();
    expect(computeReachability(plan, { from: 'subnet-bj-b' }).map((p) => p.to)).toEqual(['subnet-gz-a']);
    expect(computeReachability(plan, { to: 'subnet-bj-b' }).map((p) => p.from)).toEqual(['subnet-gz-a']);
    expect(computeReachability(plan, { from: 'subnet-gz-a', to: 'subnet-gz-a' })).toEqual([]);
  });
});

describe('intervals', () => {
  const base = () =>
    new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
      .subnet('vpc-b', 'sn-b', '10.1.0.0/22')
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .route('rtb-b', '10.0.0.0/16', 'pcx-ab');

  it('is partial when a route covers only part of the target subnet', () => {
    const pairs = computeReachability(base().route('rtb-a', '10.1.0.0/23', 'pcx-ab').build());
    expect(pair(pairs, 'sn-a', 'sn-b')).toMatchObject({
      status: 'partial',
      via: 'pcx-ab',
      reasons: ['NO_ROUTE'],
    });
  });

  it('is partial when a more specific route to a NAT gateway takes part of the target (OVERRIDDEN)', () => {
    const plan = base()
      .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
      .route('rtb-a', '10.1.2.0/24', { type: 'nat', id: 'nat-1' })
      .build();
    expect(pair(computeReachability(plan), 'sn-a', 'sn-b')).toMatchObject({
      status: 'partial',
      reasons: ['OVERRIDDEN'],
    });
  });

  it('is reachable when the more specific route is disabled (it forwards nothing)', () => {
    const plan = base()
      .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
      .route('rtb-a', '10.1.2.0/24', 'nat-1', { type: 'nat', enabled: false })
      .build();
    expect(pair(computeReachability(plan), 'sn-a', 'sn-b').status).toBe('reachable');
  });

  it('counts a NAT route without a shadowed peering route as NO_ROUTE', () => {
    const plan = base().route('rtb-a', '0.0.0.0/0', { type: 'nat', id: 'nat-1' }).build();
    expect(pair(computeReachability(plan), 'sn-a', 'sn-b')).toMatchObject({
      status: 'unreachable',
      reasons: ['NO_ROUTE'],
    });
  });

  it('is partial when the return route covers only part of the source subnet', () => {
    const plan = partialReturnPlan();
    expect(pair(computeReachability(plan), 'sn-a', 'sn-b')).toMatchObject({
      status: 'partial',
      reasons: ['NO_RETURN_ROUTE'],
    });
  });
});

describe('topologies', () => {
  it('hub and spokes are not transitive (TRANSITIVE)', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-hub', { cidr: '10.100.0.0/16', table: 'rtb-hub' })
      .subnet('vpc-hub', 'sn-hub', '10.100.1.0/24')
      .vpc('vpc-b', { cidr: '10.110.0.0/16', table: 'rtb-b' })
      .subnet('vpc-b', 'sn-b', '10.110.1.0/24')
      .vpc('vpc-c', { cidr: '10.120.0.0/16', table: 'rtb-c' })
      .subnet('vpc-c', 'sn-c', '10.120.1.0/24')
      .peering('pcx-hb', 'vpc-hub', 'vpc-b')
      .peering('pcx-hc', 'vpc-hub', 'vpc-c')
      .route('rtb-hub', '10.110.0.0/16', 'pcx-hb')
      .route('rtb-hub', '10.120.0.0/16', 'pcx-hc')
      .route('rtb-b', '10.100.0.0/16', 'pcx-hb')
      .route('rtb-b', '10.120.0.0/16', 'pcx-hb')
      .route('rtb-c', '10.100.0.0/16', 'pcx-hc')
      .route('rtb-c', '10.110.0.0/16', 'pcx-hc')
      .build();
    const pairs = computeReachability(plan);
    expect(pair(pairs, 'sn-hub', 'sn-b').status).toBe('reachable');
    expect(pair(pairs, 'sn-c', 'sn-hub').status).toBe('reachable');
    expect(pair(pairs, 'sn-b', 'sn-c')).toEqual({
      from: 'sn-b',
      to: 'sn-c',
      status: 'unreachable',
      via: null,
      reasons: ['TRANSITIVE', 'NOT_PEERED'],
    });
    expect(computeReachability(plan, { scope: 'peered' })).toHaveLength(4);
  });

  it('two unpeered VPCs are unreachable (NOT_PEERED)', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .build();
    expect(computeReachability(plan)).toEqual([
      { from: 'sn-a', to: 'sn-b', status: 'unreachable', via: null, reasons: ['NOT_PEERED'] },
      { from: 'sn-b', to: 'sn-a', status: 'unreachable', via: null, reasons: ['NOT_PEERED'] },
    ]);
    expect(computeReachability(plan, { scope: 'peered' })).toEqual([]);
  });

  it('lists no pair inside one VPC', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .subnet('vpc-a', 'sn-1', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-2', '10.0.2.0/24')
      .build();
    expect(computeReachability(plan)).toEqual([]);
  });
});

// A naive per-address reference, written straight from rules.md: every address of T looked up
// in S's table by scanning every route, every address of S looked up in T's table.
function naiveReachability(
  plan: Plan,
): Map<string, { status: ReachStatus; via: string | null; reasons: ReachReason[] }> {
  const result = new Map<string, { status: ReachStatus; via: string | null; reasons: ReachReason[] }>();
  const inBlock = (text: string, address: number) => {
    const block = tryParseCidr(text);
    return block !== null && block.start <= address && address <= block.end;
  };
  const lookup = (vpcCidrs: string[], routes: readonly Route[], address: number): Route | 'local' | null => {
    if (vpcCidrs.some((cidr) => inBlock(cidr, address))) return 'local';
    let best: { route: Route; prefix: number } | null = null;
    for (const route of routes) {
      if (!route.enabled || !inBlock(route.destination, address)) continue;
      const prefix = tryParseCidr(route.destination)!.prefix;
      if (!best || prefix > best.prefix) best = { route, prefix };
    }
    return best ? best.route : null;
  };
  const addresses = (cidr: string) => {
    const block = tryParseCidr(cidr)!;
    return Array.from({ length: block.end - block.start + 1 }, (_, i) => block.start + i);
  };
  const subnets = plan.vpcs.flatMap((vpc) =>
    vpc.subnets.map((subnet) => ({
      subnet,
      vpc,
      cidrs: [vpc.cidr, ...vpc.secondaryCidrs],
      routes: vpc.routeTables.find((t) => t.id === subnet.routeTable)?.routes ?? [],
    })),
  );
  const connects = (id: string, a: string, b: string) =>
    plan.peerings.some(
      (p) =>
        p.id === id && ((p.requester === a && p.accepter === b) || (p.requester === b && p.accepter === a)),
    );
  const isActive = (id: string) =>
    plan.peerings.some((p) => p.id === id && effectivePeeringState(p, plan.asOf) === 'active');
  for (const s of subnets) {
    for (const t of subnets) {
      if (s.vpc === t.vpc) continue;
      const pairPeerings = plan.peerings.filter((p) => connects(p.id, s.vpc.id, t.vpc.id));
      const reasons = new Set<ReachReason>();
      const okPer = new Map<string, number>();
      let transitive = false;
      for (const address of addresses(t.subnet.cidr)) {
        const hit = lookup(s.cidrs, s.routes, address);
        if (hit === null || hit === 'local') {
          reasons.add('NO_ROUTE');
          continue;
        }
        const shadowed = s.routes.some(
          (r) =>
            r !== hit &&
            r.enabled &&
            r.nextHop.type === 'peering' &&
            connects(r.nextHop.id, s.vpc.id, t.vpc.id) &&
            inBlock(r.destination, address),
        );
        if (hit.nextHop.type !== 'peering') {
          reasons.add(shadowed ? 'OVERRIDDEN' : 'NO_ROUTE');
        } else if (!plan.peerings.some((p) => p.id === hit.nextHop.id)) {
          reasons.add('NO_ROUTE');
        } else if (!connects(hit.nextHop.id, s.vpc.id, t.vpc.id)) {
          transitive = true;
          if (shadowed) reasons.add('OVERRIDDEN');
        } else if (!isActive(hit.nextHop.id)) {
          reasons.add('PEERING_INACTIVE');
        } else {
          okPer.set(hit.nextHop.id, (okPer.get(hit.nextHop.id) ?? 0) + 1);
        }
      }
      const key = `${s.subnet.id}>${t.subnet.id}`;
      if (pairPeerings.length === 0) {
        result.set(key, {
          status: 'unreachable',
          via: null,
          reasons: transitive ? ['TRANSITIVE', 'NOT_PEERED'] : ['NOT_PEERED'],
        });
        continue;
      }
      if (transitive) reasons.add('TRANSITIVE');
      let via: string | null = null;
      let best = 0;
      for (const [id, count] of okPer) if (count > best) [via, best] = [id, count];
      if (!via) {
        const rank = (id: string) => {
          const state = effectivePeeringState(
            plan.peerings.find((p) => p.id === id)!,
            plan.asOf,
          );
          return state === 'active' ? 0 : state === 'pending' ? 1 : 2;
        };
        for (const p of pairPeerings) if (via === null || rank(p.id) < rank(via)) via = p.id;
      }
      const forwardOk = [...okPer.values()].reduce((x, y) => x + y, 0);
      let back = 0;
      for (const address of addresses(s.subnet.cidr)) {
        const hit = lookup(t.cidrs, t.routes, address);
        if (hit !== null && hit !== 'local' && hit.nextHop.type === 'peering' && hit.nextHop.id === via)
          back++;
      }
      const returnOk = isActive(via!) ? back : 0;
      if (back < addresses(s.subnet.cidr).length) reasons.add('NO_RETURN_ROUTE');
      if (!pairPeerings.some((p) => isActive(p.id))) reasons.add('PEERING_INACTIVE');
      const status: ReachStatus =
        forwardOk === 0
          ? 'unreachable'
          : returnOk === 0
            ? 'no-return'
            : forwardOk === addresses(t.subnet.cidr).length && returnOk === addresses(s.subnet.cidr).length
              ? 'reachable'
              : 'partial';
      result.set(key, { status, via, reasons: REACH_REASONS.filter((r) => reasons.has(r)) });
    }
  }
  return result;
}

describe('property: agrees with a naive per-address reference', () => {
  // Three VPCs of a /27 each inside 10.0.0.0/25; subnets /29-/30; routes /26-/30 anywhere in
  // 10.0.0.0/25 (so routes overlap each other, the VPCs and the subnets in every way).
  const vpcCidrs = ['10.0.0.0/27', '10.0.0.32/27', '10.0.0.64/27'];
  const offsetBlock = (low: number, high: number, minPrefix: number, maxPrefix: number) =>
    fc
      .tuple(fc.integer({ min: low, max: high }), fc.integer({ min: minPrefix, max: maxPrefix }))
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        return `10.0.0.${offset - (offset % size)}/${prefix}`;
      });
  const arbitraryPlan = fc
    .record({
      subnets: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 31 }),
          fc.integer({ min: 29, max: 30 }),
        ),
        {
          minLength: 2,
          maxLength: 6,
        },
      ),
      // The three possible peerings (0–1, 0–2, 1–2), each present in a random state or absent.
      peerings: fc.tuple(
        ...[0, 1, 2].map(() => fc.constantFrom('active', 'active', 'active', 'pending', 'rejected', 'none')),
      ),
      // Per peering: whether both sides already route the whole peer VPC to it.
      fullRoutes: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      // Destinations mostly inside one VPC's /27 (so peering routes hit their targets), sometimes wider.
      routes: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 3 }),
          fc.oneof(offsetBlock(0, 95, 29, 30), offsetBlock(0, 95, 27, 28), offsetBlock(0, 127, 25, 26)),
          fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.constant(-1)),
          fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
        ),
        { maxLength: 20 },
      ),
    })
    .map(({ subnets, peerings, fullRoutes, routes }) => {
      const builder = new PlanBuilder();
      vpcCidrs.forEach((cidr, i) => builder.vpc(`vpc-${i}`, { cidr, table: `rtb-${i}` }));
      // A second table in VPC 0, so subnets of one VPC can use different tables.
      builder.routeTable('vpc-0', 'rtb-0b');
      const tables = ['rtb-0', 'rtb-1', 'rtb-2', 'rtb-0b'];
      const used = new Set<string>();
      subnets.forEach(([vpc, offset, prefix], i) => {
        const size = 2 ** (32 - prefix);
        const start = vpc * 32 + offset - (offset % size);
        const key = `${vpc}:${Math.floor(start / 8)}`;
        if (used.has(key)) return; // keep subnets of one VPC disjoint (8-address cells)
        used.add(key);
        const table = vpc === 0 && i % 2 === 1 ? 'rtb-0b' : undefined;
        builder.subnet(
          `vpc-${vpc}`,
          `sn-${i}`,
          `10.0.0.${start - (prefix === 29 ? start % 8 : start % 4)}/${prefix}`,
          table,
        );
      });
      const ends: [number, number][] = [
        [0, 1],
        [0, 2],
        [1, 2],
      ];
      peerings.forEach((state, i) => {
        if (state !== 'none')
          builder.peering(`pcx-${i}`, `vpc-${ends[i]![0]}`, `vpc-${ends[i]![1]}`, { state });
      });
      fullRoutes.forEach((full, i) => {
        const [a, b] = ends[i]!;
        if (!full) return;
        for (const table of a === 0 ? ['rtb-0', 'rtb-0b'] : [`rtb-${a}`])
          builder.route(table, vpcCidrs[b]!, `pcx-${i}`);
        builder.route(`rtb-${b}`, vpcCidrs[a]!, `pcx-${i}`);
      });
      for (const [table, destination, hop, enabled] of routes) {
        if (hop === -1) builder.route(tables[table]!, destination, 'nat-1', { type: 'nat', enabled });
        else builder.route(tables[table]!, destination, `pcx-${hop}`, { enabled });
      }
      return builder.build();
    });

  it('on small random plans', () => {
    fc.assert(
      fc.property(arbitraryPlan, (plan) => {
        const naive = naiveReachability(plan);
        const fast = computeReachability(plan);
        expect(fast.length).toBe(naive.size);
        for (const p of fast) {
          expect({ pair: `${p.from}>${p.to}`, ...naive.get(`${p.from}>${p.to}`) }).toEqual({
            pair: `${p.from}>${p.to}`,
            status: p.status,
            via: p.via,
            reasons: p.reasons,
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
