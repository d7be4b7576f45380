import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/edit/operations';
import type { Edit } from '../../shared/edit/operations';
import type { Plan } from '../../shared/plan/model';
import {
  explainReach,
  formatRange,
  planWithSwitches,
  reachBetweenVpcs,
  reachByVpcPair,
  whatIfChanges,
} from '../../shared/reach/explain';
import { computeReachability } from '../../shared/reach/reachability';
import { PlanBuilder, quickStart } from './plan-builder';

function withName(plan: Plan, id: string, name: string): Plan {
  return {
    ...plan,
    vpcs: plan.vpcs.map((vpc) => (vpc.id === id ? { ...vpc, name } : vpc)),
    peerings: plan.peerings.map((p) => (p.id === id ? { ...p, name } : p)),
  };
}

/** Three VPCs: hub peered with app (both routes) and with db (both routes); app and db not peered. */
function hub(): Plan {
  return new PlanBuilder()
    .vpc('vpc-hub', { cidr: '10.0.0.0/16', table: 'rtb-hub' })
    .subnet('vpc-hub', 'sn-hub', '10.0.1.0/24')
    .vpc('vpc-app', { cidr: '10.1.0.0/16', table: 'rtb-app' })
    .subnet('vpc-app', 'sn-app', '10.1.1.0/24')
    .subnet('vpc-app', 'sn-app2', '10.1.2.0/24')
    .vpc('vpc-db', { cidr: '10.2.0.0/16', table: 'rtb-db' })
    .subnet('vpc-db', 'sn-db', '10.2.1.0/24')
    .peering('pcx-app', 'vpc-hub', 'vpc-app')
    .peering('pcx-db', 'vpc-hub', 'vpc-db')
    .route('rtb-hub', '10.1.0.0/16', 'pcx-app')
    .route('rtb-app', '10.0.0.0/16', 'pcx-app')
    .route('rtb-hub', '10.2.0.0/16', 'pcx-db')
    .route('rtb-db', '10.0.0.0/16', 'pcx-db')
    .build();
}

describe('formatRange', () => {
  it('writes a block as a CIDR and anything else as a range', () => {
    expect(formatRange(0x0a000100, 0x0a0001ff)).toBe('10.0.1.0/24');
    expect(formatRange(0x0a000180, 0x0a0001ff)).toBe('10.0.1.128/25');
    expect(formatRange(0x0a000100, 0x0a000163)).toBe('10.0.1.0 – 10.0.1.99');
    expect(formatRange(0x0a000101, 0x0a000101)).toBe('10.0.1.1/32');
  });
});

describe('explainReach', () => {
  it('explains a reachable pair with the route matched on each side and no fix', () => {
    const explanation = explainReach(quickStart(), 'subnet-gz-a', 'subnet-bj-b')!;
    expect(explanation.pair).toMatchObject({ status: 'reachable', via: 'pcx-gzbj' });
    expect(explanation.forward).toEqual({
      vpc: 'vpc-gz01',
      table: 'rtb-gz01',
      block: '10.0.1.0/24',
      parts: [
        {
          range: '10.0.1.0/24',
          outcome: 'peering',
          route: {
            table: 'rtb-gz01',
            index: 0,
            destination: '10.0.1.0/24',
            nextHop: { type: 'peering', id: 'pcx-gzbj' },
          },
        },
      ],
    });
    expect(explanation.back.parts).toEqual([
      expect.objectContaining({ range: '192.168.1.0/24', outcome: 'peering' }),
    ]);
    expect(explanation.fixRoutes).toEqual([]);
    expect(explanation.sentences.join(' ')).toMatch(/reaches .* and the replies come back/);
  });

  it('says which VPC has no route back, through which peering, by name, and offers the return route', () => {
    const plan = withName(
      withName(quickStart({ bjToGz: false }), 'vpc-bj02', 'app-prod'),
      'pcx-gzbj',
      'shared-app',
    );
    const explanation = explainReach(plan, 'subnet-gz-a', 'subnet-bj-b')!;
    expect(explanation.pair.status).toBe('no-return');
    expect(explanation.back).toEqual({
      vpc: 'vpc-bj02',
      table: 'rtb-bj02',
      block: '192.168.1.0/24',
      parts: [{ range: '192.168.1.0/24', outcome: 'none', route: null }],
    });
    expect(explanation.sentences).toContain(
      'app-prod has no route back to 192.168.1.0/24 through shared-app.',
    );
    // The fix: the whole source VPC's CIDR in the target's table, through the peering.
    expect(explanation.fixRoutes).toEqual([
      {
        routeTable: 'rtb-bj02',
        vpc: 'vpc-bj02',
        peering: 'pcx-gzbj',
        destination: '192.168.0.0/16',
        nextHop: { type: 'peering', id: 'pcx-gzbj' },
      },
    ]);
    // Applying it makes the pair reachable.
    const edit: Edit = {
      kind: 'batch',
      edits: explanation.fixRoutes.map((route) => ({
        kind: 'route.add',
        routeTable: route.routeTable,
        route: { destination: route.destination, nextHop: route.nextHop, enabled: true },
      })),
    };
    const fixed = applyEdit(plan, edit).plan;
    expect(explainReach(fixed, 'subnet-gz-a', 'subnet-bj-b')!.pair.status).toBe('reachable');
  });

  it('offers the forward route for an unreachable pair whose return route exists', () => {
    const explanation = explainReach(quickStart({ bjToGz: false }), 'subnet-bj-b', 'subnet-gz-a')!;
    expect(explanation.pair.status).toBe('unreachable');
    expect(explanation.forward.parts).toEqual([{ range: '192.168.1.0/24', outcome: 'none', route: null }]);
    expect(explanation.sentences).toContain(
      'vpc-bj02 has no route to 192.168.1.0/24 (subnet-gz-a) through pcx-gzbj.',
    );
    expect(explanation.fixRoutes.map((r) => [r.routeTable, r.destination])).toEqual([
      ['rtb-bj02', '192.168.0.0/16'],
    ]);
  });

  it('names an inactive peering and offers no route when every route exists', () => {
    const explanation = explainReach(quickStart({ state: 'pending' }), 'subnet-gz-a', 'subnet-bj-b')!;
    expect(explanation.pair.status).toBe('unreachable');
    expect(explanation.forward.parts[0]!.outcome).toBe('inactive');
    expect(explanation.sentences[0]).toBe(
      'pcx-gzbj is pending: it carries no traffic until the accepter accepts it.',
    );
    expect(explanation.fixRoutes).toEqual([]);
  });

  it('explains a transitive route and an unpeered pair', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-hub', { cidr: '10.0.0.0/16', table: 'rtb-hub' })
      .vpc('vpc-app', { cidr: '10.1.0.0/16', table: 'rtb-app' })
      .subnet('vpc-app', 'sn-app', '10.1.1.0/24')
      .vpc('vpc-db', { cidr: '10.2.0.0/16', table: 'rtb-db' })
      .subnet('vpc-db', 'sn-db', '10.2.1.0/24')
      .peering('pcx-app', 'vpc-hub', 'vpc-app')
      .route('rtb-app', '10.2.0.0/16', 'pcx-app')
      .build();
    const explanation = explainReach(plan, 'sn-app', 'sn-db')!;
    expect(explanation.pair).toMatchObject({
      status: 'unreachable',
      via: null,
      reasons: ['TRANSITIVE', 'NOT_PEERED'],
    });
    expect(explanation.peering).toBeNull();
    expect(explanation.forward.parts[0]!.outcome).toBe('transitive');
    expect(explanation.sentences).toEqual([
      'vpc-app and vpc-db are not peered: no route can carry traffic between them. Create a peering first.',
      'vpc-app sends 10.2.1.0/24 through pcx-app, which joins vpc-app to vpc-hub, not to vpc-db: peering is not transitive, so it is dropped there.',
    ]);
    expect(explanation.fixRoutes).toEqual([]);
  });

  it('splits a partly overridden target into its parts', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16', table: 'rtb-b' })
      .subnet('vpc-b', 'sn-b', '10.1.0.0/24')
      .peering('pcx-ab', 'vpc-a', 'vpc-b')
      .route('rtb-a', '10.1.0.0/16', 'pcx-ab')
      .route('rtb-a', '10.1.0.128/25', { type: 'nat', id: 'nat-1' })
      .route('rtb-b', '10.0.0.0/16', 'pcx-ab')
      .build();
    const explanation = explainReach(plan, 'sn-a', 'sn-b')!;
    expect(explanation.pair.status).toBe('partial');
    expect(explanation.forward.parts.map((p) => [p.range, p.outcome])).toEqual([
      ['10.1.0.0/25', 'peering'],
      ['10.1.0.128/25', 'other-hop'],
    ]);
    expect(explanation.sentences).toContain(
      'vpc-a sends 10.1.0.128/25 to nat nat-1 (route 10.1.0.128/25 in rtb-a), not through pcx-ab.',
    );
  });

  it('answers null for unknown subnets and pairs inside one VPC', () => {
    const plan = hub();
    expect(explainReach(plan, 'sn-app', 'sn-app2')).toBeNull();
    expect(explainReach(plan, 'sn-app', 'nope')).toBeNull();
  });

  it('gives the status computeReachability gives, for every pair of the plan', () => {
    const plan = hub();
    for (const pair of computeReachability(plan)) {
      expect(explainReach(plan, pair.from, pair.to)!.pair).toEqual(pair);
    }
  });
});

describe('reachByVpcPair and reachBetweenVpcs', () => {
  it('groups the peered pairs by VPC pair with their counts', () => {
    const groups = reachByVpcPair(hub());
    expect(groups.map((g) => [g.from, g.to, g.counts.reachable, g.pairs.length])).toEqual([
      ['vpc-hub', 'vpc-app', 2, 2],
      ['vpc-hub', 'vpc-db', 1, 1],
      ['vpc-app', 'vpc-hub', 2, 2],
      ['vpc-db', 'vpc-hub', 1, 1],
    ]);
    const counted = reachByVpcPair(hub(), { countsOnly: true });
    expect(counted.map((g) => [g.from, g.to, g.counts])).toEqual(groups.map((g) => [g.from, g.to, g.counts]));
    expect(counted.every((g) => g.pairs.length === 0)).toBe(true);
    // app and db are not peered: no group.
    expect(groups.some((g) => g.from === 'vpc-app' && g.to === 'vpc-db')).toBe(false);
  });

  it('lists the pairs between two VPCs in both directions', () => {
    const pairs = reachBetweenVpcs(hub(), 'vpc-hub', 'vpc-app');
    expect(pairs.map((p) => `${p.from}>${p.to}`)).toEqual([
      'sn-hub>sn-app',
      'sn-hub>sn-app2',
      'sn-app>sn-hub',
      'sn-app2>sn-hub',
    ]);
  });
});

describe('what-if: a peering switched off or on', () => {
  it('changes exactly the pairs between the two VPCs of the switched peering, and not the plan', () => {
    const plan = hub();
    const snapshot = structuredClone(plan);
    const changes = whatIfChanges(plan, new Map([['pcx-app', false]]));
    expect(changes.map((c) => `${c.from}>${c.to}`).sort()).toEqual(
      ['sn-app2>sn-hub', 'sn-app>sn-hub', 'sn-hub>sn-app', 'sn-hub>sn-app2'].sort(),
    );
    for (const change of changes) {
      expect(change.before.status).toBe('reachable');
      expect(change.after).toMatchObject({ status: 'unreachable', reasons: ['PEERING_INACTIVE'] });
    }
    expect(plan).toEqual(snapshot);
  });

  it('switching on a pending peering with its routes makes its pairs reachable', () => {
    const plan = quickStart({ state: 'pending' });
    const changes = whatIfChanges(plan, new Map([['pcx-gzbj', true]]));
    expect(changes.map((c) => [c.from, c.before.status, c.after.status])).toEqual([
      ['subnet-gz-a', 'unreachable', 'reachable'],
      ['subnet-bj-b', 'unreachable', 'reachable'],
    ]);
  });

  it('a switch to the state a peering already has changes nothing', () => {
    const plan = hub();
    expect(whatIfChanges(plan, new Map([['pcx-db', true]]))).toEqual([]);
    expect(planWithSwitches(plan, new Map([['pcx-db', true]])).peerings[1]).toBe(plan.peerings[1]);
  });
});
