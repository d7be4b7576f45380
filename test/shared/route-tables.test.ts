import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/model';
import { computeReachability } from '../../shared/reach/reachability';
import { effectiveRouteTables } from '../../shared/routing/route-tables';
import { suggestRoutes } from '../../shared/routing/suggest';
import { validatePlan } from '../../shared/rules/validate';
import { partialReturnPlan, PlanBuilder, quickStart } from './plan-builder';

describe('effectiveRouteTables', () => {
  it('lists the local routes of every VPC CIDR, then the plan’s routes with their findings', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', secondaryCidrs: ['10.9.0.0/16'], table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
      .route('rtb-a', '10.0.5.0/24', 'pcx-ab') // inside its own VPC: ROUTE_DEST_IN_VPC
      .build();
    const [tableA] = effectiveRouteTables(plan);
    expect(tableA).toEqual({
      id: 'rtb-a',
      vpc: 'vpc-a',
      subnets: ['sn-a'],
      routes: [
        { destination: '10.0.0.0/16', nextHop: null, origin: 'local', codes: [] },
        { destination: '10.9.0.0/16', nextHop: null, origin: 'local', codes: [] },
        { destination: '10.1.0.0/16', nextHop: { type: 'peering', id: 'pcx-ab' }, origin: 'plan', codes: [] },
        {
          destination: '10.0.5.0/24',
          nextHop: { type: 'peering', id: 'pcx-ab' },
          origin: 'plan',
          codes: expect.arrayContaining(['ROUTE_DEST_IN_VPC']),
        },
      ],
    });
  });

  it('gives a VPC without route tables an implicit empty default table `<vpcId>/default`', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .subnet('vpc-a', 'sn-1', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-2', '10.0.2.0/24')
      .build();
    expect(effectiveRouteTables(plan)).toEqual([
      {
        id: 'vpc-a/default',
        vpc: 'vpc-a',
        subnets: ['sn-1', 'sn-2'],
        routes: [{ destination: '10.0.0.0/16', nextHop: null, origin: 'local', codes: [] }],
      },
    ]);
  });

  it('associates each subnet with its own table', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-main' })
      .routeTable('vpc-a', 'rtb-private')
      .subnet('vpc-a', 'sn-public', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-private', '10.0.2.0/24', 'rtb-private')
      .build();
    expect(effectiveRouteTables(plan).map((t) => [t.id, t.subnets])).toEqual([
      ['rtb-main', ['sn-public']],
      ['rtb-private', ['sn-private']],
    ]);
  });
});

describe('suggestRoutes', () => {
  it('proposes the whole peer VPC on both sides of an active peering', () => {
    expect(suggestRoutes(quickStart({ gzToBj: false, bjToGz: false }))).toEqual([
      {
        routeTable: 'rtb-gz01',
        vpc: 'vpc-gz01',
        peering: 'pcx-gzbj',
        destination: '10.0.0.0/16',
        nextHop: { type: 'peering', id: 'pcx-gzbj' },
      },
      {
        routeTable: 'rtb-bj02',
        vpc: 'vpc-bj02',
        peering: 'pcx-gzbj',
        destination: '192.168.0.0/16',
        nextHop: { type: 'peering', id: 'pcx-gzbj' },
      },
    ]);
  });

  it('does not repeat a route that already covers the peer CIDR, and covers secondary CIDRs', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16', secondaryCidrs: ['10.2.0.0/16'], table: 'rtb-b' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .route('rtb-a', '10.0.0.0/8', 'pcx-ab') // covers both CIDRs of vpc-b
      .route('rtb-b', '10.0.0.0/16', 'pcx-ab', { enabled: false }) // disabled: does not count
      .build();
    expect(suggestRoutes(plan).map((s) => [s.routeTable, s.destination])).toEqual([['rtb-b', '10.0.0.0/16']]);
  });

  it('counts routes that cover the peer CIDR together', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .route('rtb-a', '10.1.0.0/17', 'pcx-ab')
      .route('rtb-a', '10.1.128.0/17', 'pcx-ab')
      .route('rtb-b', '10.0.0.0/17', 'pcx-ab') // half of vpc-a: the /16 is still suggested
      .build();
    expect(suggestRoutes(plan).map((s) => [s.routeTable, s.destination])).toEqual([['rtb-b', '10.0.0.0/16']]);
  });

  it('suggests for every table that serves a subnet, and nothing for a peering that is not active', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .routeTable('vpc-a', 'rtb-a2')
      .routeTable('vpc-a', 'rtb-unused')
      .subnet('vpc-a', 'sn-a1', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-a2', '10.0.2.0/24', 'rtb-a2')
      .vpc('vpc-b', { cidr: '10.1.0.0/16' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .vpc('vpc-c', { cidr: '10.2.0.0/16' })
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .peering('pcx-ac', 'vpc-a', 'vpc-c', { state: 'pending' })
      .build();
    expect(suggestRoutes(plan).map((s) => [s.routeTable, s.destination])).toEqual([
      ['rtb-a', '10.1.0.0/16'],
      ['rtb-a2', '10.1.0.0/16'],
      ['vpc-b/default', '10.0.0.0/16'],
    ]);
  });

  it('suggests nothing once every route exists', () => {
    const plan = quickStart();
    const full = new PlanBuilder()
      .vpc('vpc-gz01', { region: 'ap-guangzhou', cidr: '192.168.0.0/16', table: 'rtb-gz01' })
      .subnet('vpc-gz01', 'subnet-gz-a', '192.168.1.0/24')
      .vpc('vpc-bj02', { region: 'ap-beijing', cidr: '10.0.0.0/16', table: 'rtb-bj02' })
      .subnet('vpc-bj02', 'subnet-bj-b', '10.0.1.0/24')
      .peering('pcx-gzbj', 'vpc-gz01', 'vpc-bj02', { bandwidthMbps: 100 })
      .route('rtb-gz01', '10.0.0.0/16', 'pcx-gzbj')
      .route('rtb-bj02', '192.168.0.0/16', 'pcx-gzbj')
      .build();
    expect(suggestRoutes(plan)).toHaveLength(2); // the quick start routes only the subnets
    expect(suggestRoutes(full)).toEqual([]);
  });
});

describe('property: the suggested routes are enough', () => {
  /** The plan with every suggested route added to its table. */
  function applySuggestions(plan: Plan): Plan {
    const suggestions = suggestRoutes(plan);
    return {
      ...plan,
      vpcs: plan.vpcs.map((vpc) => ({
        ...vpc,
        routeTables: vpc.routeTables.map((table) => ({
          ...table,
          routes: [
            ...table.routes,
            ...suggestions
              .filter((s) => s.routeTable === table.id)
              .map((s) => ({ destination: s.destination, nextHop: s.nextHop, enabled: true })),
          ],
        })),
      })),
    };
  }

  it('makes every pair across an active peering reachable, and nothing is left to suggest', () => {
    // Up to 5 VPCs of disjoint /16s (some with a secondary /16), two tables each, random peerings.
    const arbitrary = fc.record({
      secondaries: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      subnetTables: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      peerings: fc.uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).filter(([a, b]) => a < b),
        { selector: ([a, b]) => `${a}-${b}`, maxLength: 6 },
      ),
      states: fc.array(fc.constantFrom('active', 'active', 'pending'), { minLength: 6, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ secondaries, subnetTables, peerings, states }) => {
        const builder = new PlanBuilder();
        for (let v = 0; v < 5; v++) {
          builder.vpc(`vpc-${v}`, {
            cidr: `10.${v}.0.0/16`,
            secondaryCidrs: secondaries[v] ? [`10.${v + 100}.0.0/16`] : [],
            table: `rtb-${v}`,
          });
          builder.routeTable(`vpc-${v}`, `rtb-${v}-b`);
          builder.subnet(
            `vpc-${v}`,
            `sn-${v}-0`,
            `10.${v}.1.0/24`,
            subnetTables[2 * v] ? `rtb-${v}-b` : undefined,
          );
          builder.subnet(
            `vpc-${v}`,
            `sn-${v}-1`,
            `10.${v}.2.0/24`,
            subnetTables[2 * v + 1] ? `rtb-${v}-b` : undefined,
          );
        }
        peerings.forEach(([a, b], i) =>
          builder.peering(`pcx-${i}`, `vpc-${a}`, `vpc-${b}`, { state: states[i] }),
        );
        const planned = applySuggestions(builder.build());
        expect(suggestRoutes(planned)).toEqual([]);
        const active = new Set(
          peerings.flatMap(([a, b], i) =>
            states[i] === 'active' ? [`vpc-${a}>vpc-${b}`, `vpc-${b}>vpc-${a}`] : [],
          ),
        );
        for (const pair of computeReachability(planned, { scope: 'peered' })) {
          const vpcs = `${pair.from.replace(/^sn-(\d+)-\d$/, 'vpc-$1')}>${pair.to.replace(/^sn-(\d+)-\d$/, 'vpc-$1')}`;
          expect(pair.status).toBe(active.has(vpcs) ? 'reachable' : 'unreachable');
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('ROUTE_RETURN_MISSING', () => {
  it('is reported when a subnet reaches a peer subnet but no route comes back', () => {
    const findings = validatePlan(quickStart({ bjToGz: false })).filter(
      (f) => f.code === 'ROUTE_RETURN_MISSING',
    );
    expect(findings.map((f) => [f.severity, f.subjects])).toEqual([
      ['warning', ['subnet-gz-a', 'subnet-bj-b', 'pcx-gzbj', 'rtb-bj02']],
    ]);
  });

  it('is not reported when both routes exist, nor when nothing goes out (near misses)', () => {
    for (const plan of [quickStart(), quickStart({ gzToBj: false, bjToGz: false })]) {
      expect(validatePlan(plan).filter((f) => f.code === 'ROUTE_RETURN_MISSING')).toEqual([]);
    }
  });

  it('is not reported when part of the reply comes back (partial, not no-return)', () => {
    const plan = partialReturnPlan();
    expect(validatePlan(plan).filter((f) => f.code === 'ROUTE_RETURN_MISSING')).toEqual([]);
  });
});
