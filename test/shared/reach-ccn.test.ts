/**
 * Reachability through CCNs (spec/ccn.md, "Reachability"): hand cases from the spec and the
 * fixtures, and a property test against the per-address reference of `reach-ccn-reference.ts`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../shared/diff/plan-diff';
import type { CcnAttachmentState, Plan } from '../../shared/plan/model';
import { parsePlanText } from '../../shared/plan/parse';
import { explainReach, reachBetweenVpcs, reachByVpcPair } from '../../shared/reach/explain';
import type { ReachPair } from '../../shared/reach/reachability';
import { computeReachability } from '../../shared/reach/reachability';
import { validatePlan } from '../../shared/rules/validate';
import { PlanBuilder } from './plan-builder';
import { referenceReachability } from './reach-ccn-reference';

const fixture = (name: string): Plan => {
  const parsed = parsePlanText(readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8'), {
    today: '2026-11-29',
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
};

/** The fixture as a file value, changed by `edit`, then parsed (defaults filled in). */
const fixtureWith = (name: string, edit: (file: Record<string, unknown>) => void): Plan => {
  const file = JSON.parse(
    readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  edit(file);
  const parsed = parsePlanText(JSON.stringify(file), { today: '2026-11-29' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan;
};

function pair(pairs: readonly ReachPair[], from: string, to: string): ReachPair {
  const found = pairs.find((p) => p.from === from && p.to === to);
  if (!found) throw new Error(`no pair ${from} → ${to}`);
  return found;
}

describe('ccn-core.json: a CCN of four VPCs in three regions', () => {
  const pairs = computeReachability(fixture('ccn-core.json'));

  it('Guangzhou and Shanghai reach each other through the CCN (a full mesh, no route of the plan)', () => {
    expect(pair(pairs, 'subnet-gz-a', 'subnet-sh-a')).toEqual({
      from: 'subnet-gz-a',
      to: 'subnet-sh-a',
      status: 'reachable',
      via: 'ccn-core',
      reasons: [],
    });
    expect(pair(pairs, 'subnet-sh-a', 'subnet-gz-a')).toMatchObject({ status: 'reachable', via: 'ccn-core' });
  });

  it("bj's addresses inside gz's CIDR go to gz from Shanghai: CCN_ROUTE_INVALID", () => {
    // bj (10.1.128.0/17, attached third) conflicts with gz (10.1.0.0/16, attached first): sh's
    // table sends 10.1.200.0/24 to gz's CCN route.
    expect(pair(pairs, 'subnet-sh-a', 'subnet-bj-a')).toEqual({
      from: 'subnet-sh-a',
      to: 'subnet-bj-a',
      status: 'unreachable',
      via: 'ccn-core',
      reasons: ['CCN_ROUTE_INVALID'],
    });
    // From bj, sh is reached, but sh sends the replies to gz: the same invalid route.
    expect(pair(pairs, 'subnet-bj-a', 'subnet-sh-a')).toEqual({
      from: 'subnet-bj-a',
      to: 'subnet-sh-a',
      status: 'no-return',
      via: 'ccn-core',
      reasons: ['CCN_ROUTE_INVALID'],
    });
  });

  it("gz keeps bj's addresses local (the VPCs overlap): NO_ROUTE, not a CCN reason", () => {
    expect(pair(pairs, 'subnet-gz-a', 'subnet-bj-a')).toMatchObject({
      status: 'unreachable',
      reasons: ['NO_ROUTE'],
    });
  });

  it('the pending cross-account member reaches no one: CCN_ATTACHMENT_INACTIVE', () => {
    for (const other of ['subnet-gz-a', 'subnet-sh-a', 'subnet-bj-a']) {
      for (const [from, to] of [
        ['subnet-data-a', other],
        [other, 'subnet-data-a'],
      ] as const) {
        expect(pair(pairs, from, to)).toEqual({
          from,
          to,
          status: 'unreachable',
          via: 'ccn-core',
          reasons: ['CCN_ATTACHMENT_INACTIVE'],
        });
      }
    }
  });

  it('once the owner accepts the data team, it is reachable', () => {
    const plan = fixtureWith('ccn-core.json', (file) => {
      const [ccn] = file.ccns as { attachments: Record<string, unknown>[] }[];
      ccn!.attachments[3]!.state = 'active';
    });
    const accepted = computeReachability(plan);
    expect(pair(accepted, 'subnet-data-a', 'subnet-gz-a')).toMatchObject({
      status: 'reachable',
      via: 'ccn-core',
    });
    expect(pair(accepted, 'subnet-sh-a', 'subnet-data-a')).toMatchObject({
      status: 'reachable',
      reasons: [],
    });
  });

  it('near miss: bj attached first takes the conflict from gz instead', () => {
    const plan = fixtureWith('ccn-core.json', (file) => {
      const [ccn] = file.ccns as { attachments: Record<string, unknown>[] }[];
      ccn!.attachments[2]!.attachedAt = '2026-11-01';
    });
    const swapped = computeReachability(plan);
    expect(pair(swapped, 'subnet-sh-a', 'subnet-bj-a')).toMatchObject({ status: 'reachable', reasons: [] });
    // gz's 10.1.0.0/16 is now the later, invalid one: sh cannot reach gz.
    expect(pair(swapped, 'subnet-sh-a', 'subnet-gz-a')).toMatchObject({
      status: 'unreachable',
      reasons: ['CCN_ROUTE_INVALID'],
    });
  });
});

describe('CCN attachment states', () => {
  const plan = (stateA: CcnAttachmentState, stateB: CcnAttachmentState) =>
    new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16', table: 'rtb-a' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { region: 'ap-shanghai', cidr: '10.1.0.0/16' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .ccn('ccn-1', [
        { vpc: 'vpc-a', state: stateA },
        { vpc: 'vpc-b', state: stateB },
      ])
      .build();

  it('both active: reachable, also through an implicit default table', () => {
    expect(computeReachability(plan('active', 'active'))).toEqual([
      { from: 'sn-a', to: 'sn-b', status: 'reachable', via: 'ccn-1', reasons: [] },
      { from: 'sn-b', to: 'sn-a', status: 'reachable', via: 'ccn-1', reasons: [] },
    ]);
  });

  for (const state of ['pending', 'rejected', 'expired'] as const) {
    it(`an end ${state}: CCN_ATTACHMENT_INACTIVE both ways`, () => {
      for (const built of [plan(state, 'active'), plan('active', state)]) {
        for (const p of computeReachability(built))
          expect(p).toMatchObject({
            status: 'unreachable',
            via: 'ccn-1',
            reasons: ['CCN_ATTACHMENT_INACTIVE'],
          });
      }
    });
  }

  it('a VPC attached to no CCN shared with the other is NOT_PEERED', () => {
    const built = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .vpc('vpc-b', { cidr: '10.1.0.0/16' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .ccn('ccn-1', [{ vpc: 'vpc-a' }])
      .ccn('ccn-2', [{ vpc: 'vpc-b' }])
      .build();
    expect(computeReachability(built).map((p) => [p.status, p.via, p.reasons])).toEqual([
      ['unreachable', null, ['NOT_PEERED']],
      ['unreachable', null, ['NOT_PEERED']],
    ]);
  });
});

describe('peering is not transitive into a CCN', () => {
  // gz and sh on the CCN; x peered with gz only, routing all of 10.0.0.0/8 to that peering.
  const plan = new PlanBuilder()
    .vpc('vpc-gz', { cidr: '10.1.0.0/16', table: 'rtb-gz' })
    .subnet('vpc-gz', 'sn-gz', '10.1.1.0/24')
    .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.2.0.0/16', table: 'rtb-sh' })
    .subnet('vpc-sh', 'sn-sh', '10.2.1.0/24')
    .vpc('vpc-x', { cidr: '172.16.0.0/16', table: 'rtb-x' })
    .subnet('vpc-x', 'sn-x', '172.16.1.0/24')
    .peering('pcx-gzx', 'vpc-gz', 'vpc-x')
    .route('rtb-x', '10.0.0.0/8', 'pcx-gzx')
    .route('rtb-gz', '172.16.0.0/16', 'pcx-gzx')
    .ccn('ccn-1', [{ vpc: 'vpc-gz' }, { vpc: 'vpc-sh' }])
    .build();
  const pairs = computeReachability(plan);

  it('x reaches gz over the peering, gz and sh reach each other over the CCN', () => {
    expect(pair(pairs, 'sn-x', 'sn-gz')).toMatchObject({ status: 'reachable', via: 'pcx-gzx' });
    expect(pair(pairs, 'sn-gz', 'sn-x')).toMatchObject({ status: 'reachable', via: 'pcx-gzx' });
    expect(pair(pairs, 'sn-gz', 'sn-sh')).toMatchObject({ status: 'reachable', via: 'ccn-1' });
  });

  it('x does not reach sh through gz, nor sh x', () => {
    expect(pair(pairs, 'sn-x', 'sn-sh')).toEqual({
      from: 'sn-x',
      to: 'sn-sh',
      status: 'unreachable',
      via: null,
      reasons: ['TRANSITIVE', 'NOT_PEERED'],
    });
    expect(pair(pairs, 'sn-sh', 'sn-x')).toMatchObject({
      status: 'unreachable',
      via: null,
      reasons: ['NOT_PEERED'],
    });
  });

  it('the default scope lists the CCN pairs and the route toward sh, not sh → x', () => {
    const related = computeReachability(plan, { scope: 'related' }).map((p) => `${p.from}>${p.to}`);
    expect(related).toEqual(['sn-gz>sn-sh', 'sn-gz>sn-x', 'sn-sh>sn-gz', 'sn-x>sn-gz', 'sn-x>sn-sh']);
    const connected = computeReachability(plan, { scope: 'connected' }).map((p) => `${p.from}>${p.to}`);
    expect(connected).toEqual(['sn-gz>sn-sh', 'sn-gz>sn-x', 'sn-sh>sn-gz', 'sn-x>sn-gz']);
    expect(computeReachability(plan, { scope: 'peered' }).map((p) => `${p.from}>${p.to}`)).toEqual([
      'sn-gz>sn-x',
      'sn-x>sn-gz',
    ]);
  });
});

describe("the seed's Guangzhou–Beijing peering with both VPCs attached to a CCN (a migration)", () => {
  const attach = (publish: 'vpc' | 'subnets', edit?: (file: Record<string, unknown>) => void) =>
    fixtureWith('seed-gz-bj-peering.json', (file) => {
      file.ccns = [
        {
          id: 'ccn-mig',
          account: '100000000001',
          attachments: [
            { vpc: 'vpc-gz', attachedAt: '2026-11-20', publish },
            { vpc: 'vpc-bj', attachedAt: '2026-11-20', publish },
          ],
        },
      ];
      edit?.(file);
    });
  const both = (plan: Plan) => [
    pair(computeReachability(plan), 'subnet-a', 'subnet-b'),
    pair(computeReachability(plan), 'subnet-b', 'subnet-a'),
  ];

  it('before: reachable over the peering', () => {
    for (const p of both(fixture('seed-gz-bj-peering.json')))
      expect(p).toMatchObject({ status: 'reachable', via: 'pcx-peerconn', reasons: [] });
  });

  it('CCN routes shadowed by the peering routes (same destinations): still over the peering', () => {
    for (const p of both(attach('subnets')))
      expect(p).toMatchObject({ status: 'reachable', via: 'pcx-peerconn', reasons: [] });
  });

  it('CCN routes to the VPC CIDRs are less specific than the peering routes: still over the peering', () => {
    for (const p of both(attach('vpc')))
      expect(p).toMatchObject({ status: 'reachable', via: 'pcx-peerconn', reasons: [] });
  });

  const disableRoute = (vpcIndex: number) => (file: Record<string, unknown>) => {
    const vpcs = file.vpcs as { routeTables: { routes: Record<string, unknown>[] }[] }[];
    vpcs[vpcIndex]!.routeTables[0]!.routes[0]!.enabled = false;
  };

  it('Guangzhou switched to the CCN: asymmetric but reachable both ways', () => {
    const [gzToBj, bjToGz] = both(attach('subnets', disableRoute(0)));
    expect(gzToBj).toMatchObject({ status: 'reachable', via: 'ccn-mig', reasons: [] });
    expect(bjToGz).toMatchObject({ status: 'reachable', via: 'pcx-peerconn', reasons: [] });
  });

  it('both switched: over the CCN; the peering is left without routes', () => {
    const plan = attach('subnets', (file) => {
      disableRoute(0)(file);
      disableRoute(1)(file);
    });
    for (const p of both(plan)) expect(p).toMatchObject({ status: 'reachable', via: 'ccn-mig', reasons: [] });
  });

  it('near miss: the peering routes disabled before the CCN attachments are accepted: unreachable', () => {
    const plan = attach('subnets', (file) => {
      disableRoute(0)(file);
      disableRoute(1)(file);
      const [ccn] = file.ccns as { attachments: Record<string, unknown>[] }[];
      ccn!.attachments[1]!.state = 'pending';
    });
    for (const p of both(plan))
      expect(p).toMatchObject({
        status: 'unreachable',
        via: 'pcx-peerconn',
        reasons: ['NO_ROUTE', 'NO_RETURN_ROUTE', 'CCN_ATTACHMENT_INACTIVE'],
      });
  });
});

describe('explaining a pair through a CCN', () => {
  const plan = fixture('ccn-core.json');

  it('a member reaches another: the CCN route of the other VPC on both sides', () => {
    const explanation = explainReach(plan, 'subnet-gz-a', 'subnet-sh-a')!;
    expect(explanation.pair).toEqual(pair(computeReachability(plan), 'subnet-gz-a', 'subnet-sh-a'));
    expect(explanation.peering).toBeNull();
    expect(explanation.ccn?.id).toBe('ccn-core');
    expect(explanation.fixRoutes).toEqual([]);
    expect(explanation.forward).toEqual({
      vpc: 'vpc-gz',
      table: 'vpc-gz/default',
      block: '10.2.1.0/24',
      parts: [
        {
          range: '10.2.1.0/24',
          outcome: 'ccn',
          route: null,
          ccnRoute: { destination: '10.2.0.0/16', ccn: 'ccn-core', publisher: 'vpc-sh' },
        },
      ],
    });
    expect(explanation.back.parts.map((part) => [part.outcome, part.ccnRoute?.publisher])).toEqual([
      ['ccn', 'vpc-gz'],
    ]);
    expect(explanation.sentences).toEqual([
      'subnet-gz-a (10.1.1.0/24) in gz-app reaches subnet-sh-a (10.2.1.0/24) in sh-app through the CCN core, and the replies come back the same way.',
    ]);
  });

  it('an invalid route: where the addresses go instead, and the conflict that made it invalid', () => {
    const explanation = explainReach(plan, 'subnet-sh-a', 'subnet-bj-a')!;
    expect(explanation.pair.reasons).toEqual(['CCN_ROUTE_INVALID']);
    expect(explanation.forward.parts).toEqual([
      {
        range: '10.1.200.0/24',
        outcome: 'ccn-other',
        route: null,
        ccnRoute: { destination: '10.1.0.0/16', ccn: 'ccn-core', publisher: 'vpc-gz' },
      },
    ]);
    expect(explanation.sentences).toEqual([
      'bj-overlap publishes 10.1.128.0/17 to core, but that route is invalid: it overlaps 10.1.0.0/16, published earlier by gz-app (CCN_ROUTE_CONFLICT). Only the first attached VPC’s route takes effect, so those addresses go there or nowhere.'.replace(
        '’',
        "'",
      ),
      'sh-app sends 10.1.200.0/24 through the CCN core to gz-app (its route 10.1.0.0/16), not to bj-overlap.',
    ]);
  });

  it('a pending attachment: who must accept it', () => {
    const explanation = explainReach(plan, 'subnet-gz-a', 'subnet-data-a')!;
    expect(explanation.sentences[0]).toBe(
      "data's attachment to core is pending: the CCN carries nothing to or from it until the CCN's owner (Network account) accepts it.",
    );
    expect(explanation.sentences.join(' ')).not.toContain('not peered');
  });

  it('the middle of a migration: through the CCN, replies through the peering', () => {
    const migrating = fixtureWith('seed-gz-bj-peering.json', (file) => {
      file.ccns = [
        {
          id: 'ccn-mig',
          account: '100000000001',
          attachments: [
            { vpc: 'vpc-gz', publish: 'subnets' },
            { vpc: 'vpc-bj', publish: 'subnets' },
          ],
        },
      ];
      const vpcs = file.vpcs as { routeTables: { routes: Record<string, unknown>[] }[] }[];
      vpcs[0]!.routeTables[0]!.routes[0]!.enabled = false;
    });
    expect(explainReach(migrating, 'subnet-a', 'subnet-b')!.sentences).toEqual([
      'subnet A (192.168.1.0/24) in VPC1 reaches subnet B (10.0.1.0/24) in VPC2 through the CCN ccn-mig, and the replies come back through PeerConn (the middle of a migration).',
    ]);
  });

  it('groups CCN pairs by VPC pair, and lists one VPC pair without the other members', () => {
    const groups = reachByVpcPair(plan, { countsOnly: true });
    expect(groups.map((group) => `${group.from}>${group.to}`)).toHaveLength(12);
    expect(groups.find((group) => group.from === 'vpc-sh' && group.to === 'vpc-bj')!.counts).toEqual({
      reachable: 0,
      partial: 0,
      'no-return': 0,
      unreachable: 1,
    });
    // The other members are in the analysed plan (gz's earlier CIDR decides bj's route), not in the answer.
    expect(reachBetweenVpcs(plan, 'vpc-sh', 'vpc-bj')).toEqual([
      pair(computeReachability(plan), 'subnet-sh-a', 'subnet-bj-a'),
      pair(computeReachability(plan), 'subnet-bj-a', 'subnet-sh-a'),
    ]);
  });
});

describe('what follows from CCN changes', () => {
  it("the diff's reachability sees an attachment accepted", () => {
    const before = fixture('ccn-core.json');
    const after = fixtureWith('ccn-core.json', (file) => {
      const [ccn] = file.ccns as { attachments: Record<string, unknown>[] }[];
      ccn!.attachments[3]!.state = 'active';
    });
    const changes = diffPlans(before, after).reachability;
    expect(changes).toContainEqual({
      from: 'subnet-data-a',
      to: 'subnet-gz-a',
      before: 'unreachable',
      after: 'reachable',
      viaBefore: 'ccn-core',
      viaAfter: 'ccn-core',
    });
    // data reaches gz and sh both ways; bj's addresses stay with gz (bj's route is invalid):
    // data → bj stays unreachable (no change), bj → data gets there but not back.
    expect(changes.map((change) => `${change.from}>${change.to}:${change.after}`).sort()).toEqual([
      'subnet-bj-a>subnet-data-a:no-return',
      'subnet-data-a>subnet-gz-a:reachable',
      'subnet-data-a>subnet-sh-a:reachable',
      'subnet-gz-a>subnet-data-a:reachable',
      'subnet-sh-a>subnet-data-a:reachable',
    ]);
  });

  it('no ROUTE_RETURN_MISSING for a CCN pair (a route cannot be added to a CCN); still for a peering', () => {
    // Both seed VPCs on a CCN publishing their subnets, gz's peering route disabled.
    const plan = (edit: (file: Record<string, unknown>) => void) =>
      fixtureWith('seed-gz-bj-peering.json', (file) => {
        file.ccns = [
          {
            id: 'ccn-mig',
            account: '100000000001',
            attachments: [
              { vpc: 'vpc-gz', publish: 'subnets' },
              { vpc: 'vpc-bj', publish: 'subnets' },
            ],
          },
        ];
        const vpcs = file.vpcs as { routeTables: { routes: Record<string, unknown>[] }[] }[];
        vpcs[0]!.routeTables[0]!.routes[0]!.enabled = false;
        edit(file);
      });
    // The peering pending: bj's peering route shadows gz's CCN route and goes nowhere, so the
    // pair goes through the CCN and nothing comes back.
    const pending = plan((file) => {
      (file.peerings as Record<string, unknown>[])[0]!.state = 'pending';
    });
    expect(pair(computeReachability(pending), 'subnet-a', 'subnet-b')).toMatchObject({
      status: 'no-return',
      via: 'ccn-mig',
      reasons: ['NO_RETURN_ROUTE'],
    });
    expect(validatePlan(pending).filter((f) => f.code === 'ROUTE_RETURN_MISSING')).toEqual([]);
    // Near miss: bj's attachment pending and its peering route disabled; gz → bj over the
    // peering (gz's route back on), nothing brings the replies back: a route to add.
    const overPeering = plan((file) => {
      const vpcs = file.vpcs as { routeTables: { routes: Record<string, unknown>[] }[] }[];
      vpcs[0]!.routeTables[0]!.routes[0]!.enabled = true;
      vpcs[1]!.routeTables[0]!.routes[0]!.enabled = false;
      (file.ccns as { attachments: Record<string, unknown>[] }[])[0]!.attachments[1]!.state = 'pending';
    });
    expect(pair(computeReachability(overPeering), 'subnet-a', 'subnet-b')).toMatchObject({
      status: 'no-return',
      via: 'pcx-peerconn',
    });
    expect(
      validatePlan(overPeering)
        .filter((f) => f.code === 'ROUTE_RETURN_MISSING')
        .map((f) => f.subjects),
    ).toEqual([['subnet-a', 'subnet-b', 'pcx-peerconn', 'rtb-bj']]);
  });
});

describe('odd CCN plans are answered, not thrown at', () => {
  it('invalid CIDRs, unknown and duplicate VPCs, a VPC attached twice, two CCNs with one ID', () => {
    const plan = new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.0.0.0/16' })
      .subnet('vpc-a', 'sn-a', '10.0.1.0/24')
      .subnet('vpc-a', 'sn-bad', '10.0.2.1/33')
      .vpc('vpc-b', { cidr: 'not-a-cidr' })
      .subnet('vpc-b', 'sn-b', '10.1.1.0/24')
      .vpc('vpc-a', { cidr: '10.2.0.0/16' })
      .subnet('vpc-a', 'sn-a2', '10.2.1.0/24')
      .ccn('ccn-1', [
        { vpc: 'vpc-a', publish: 'subnets' },
        { vpc: 'vpc-b' },
        { vpc: 'vpc-a', state: 'pending' },
        { vpc: 'vpc-nowhere' },
      ])
      .ccn('ccn-1', [{ vpc: 'vpc-b', state: 'expired' }])
      .build();
    const pairs = computeReachability(plan);
    // sn-bad is in no pair; vpc-b publishes nothing (its CIDR does not parse) and has no local
    // route, so a reaches nothing of b; b reaches a's published subnet, but no reply comes back.
    expect(pairs.some((p) => p.from === 'sn-bad' || p.to === 'sn-bad')).toBe(false);
    expect(pair(pairs, 'sn-a', 'sn-b')).toMatchObject({ status: 'unreachable', via: 'ccn-1' });
    expect(pair(pairs, 'sn-b', 'sn-a')).toMatchObject({ status: 'no-return', via: 'ccn-1' });
    for (const p of pairs) expect(explainReach(plan, p.from, p.to)?.pair ?? p).toEqual(p);
  });
});

describe('property: agrees with the per-address reference on random CCN plans', () => {
  // Four VPCs with CIDRs anywhere in 10.0.0.0/25 (/26–/28, so they overlap in every way and their
  // CCN routes conflict), subnets /29–/30 inside them, one CCN with random attachment orders,
  // states and publish modes, a peering and plan routes here and there.
  const block = (low: number, high: number, minPrefix: number, maxPrefix: number) =>
    fc
      .tuple(fc.integer({ min: low, max: high }), fc.integer({ min: minPrefix, max: maxPrefix }))
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        return { start: offset - (offset % size), prefix };
      });
  const text = ({ start, prefix }: { start: number; prefix: number }) => `10.0.0.${start}/${prefix}`;
  const states: CcnAttachmentState[] = [
    'active',
    'active',
    'active',
    'active',
    'pending',
    'rejected',
    'expired',
  ];
  const arbitraryPlan = fc
    .record({
      // Mostly a /27 each (disjoint), sometimes any block (overlaps, conflicts).
      vpcs: fc.tuple(
        ...[0, 1, 2, 3].map((i) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant({ start: 32 * i, prefix: 27 }) },
            { weight: 1, arbitrary: block(0, 127, 26, 28) },
          ),
        ),
      ),
      subnets: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 63 }),
          fc.integer({ min: 29, max: 30 }),
        ),
        {
          minLength: 2,
          maxLength: 7,
        },
      ),
      attachments: fc.array(
        fc.record({
          vpc: fc.integer({ min: 0, max: 3 }),
          state: fc.constantFrom(...states),
          day: fc.constantFrom('2026-11-01', '2026-11-02', '2026-11-03', undefined),
          publish: fc.constantFrom('vpc' as const, 'vpc' as const, 'subnets' as const),
        }),
        { maxLength: 6 },
      ),
      // Now and then a second CCN (a VPC on two CCNs is a CCN_VPC_MULTIPLE error, but must
      // still be answered), and an attachment naming no VPC of the plan.
      second: fc.oneof(
        { weight: 3, arbitrary: fc.constant([] as { vpc: number; state: CcnAttachmentState }[]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.record({ vpc: fc.integer({ min: 0, max: 4 }), state: fc.constantFrom(...states) }),
            {
              maxLength: 3,
            },
          ),
        },
      ),
      peerings: fc.array(
        fc.record({
          ends: fc.constantFrom([0, 1], [0, 2], [1, 3], [2, 3]),
          state: fc.constantFrom('active', 'active', 'pending', 'rejected'),
          // Both sides route the whole peer VPC to it (what shadows its CCN routes).
          full: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      routes: fc.array(
        fc.record({
          table: fc.integer({ min: 0, max: 4 }),
          // A VPC's own CIDR (the destination a CCN route has) or any block.
          destination: fc.oneof(fc.integer({ min: 0, max: 3 }), block(0, 127, 25, 30), block(0, 127, 29, 30)),
          hop: fc.oneof(fc.integer({ min: 0, max: 1 }), fc.constant(-1)),
          enabled: fc.constantFrom(true, true, false),
        }),
        { maxLength: 8 },
      ),
    })
    .map(({ vpcs, subnets, attachments, second, peerings, routes }) => {
      const builder = new PlanBuilder();
      vpcs.forEach((cidr, i) => builder.vpc(`vpc-${i}`, { cidr: text(cidr), table: `rtb-${i}` }));
      builder.routeTable('vpc-0', 'rtb-0b');
      const tables = ['rtb-0', 'rtb-1', 'rtb-2', 'rtb-3', 'rtb-0b'];
      const used = new Set<string>();
      subnets.forEach(([vpc, offset, prefix], i) => {
        // Inside the VPC's block, disjoint from the VPC's other subnets (8-address cells).
        const { start: vpcStart, prefix: vpcPrefix } = vpcs[vpc]!;
        const size = 2 ** (32 - prefix);
        const within = offset % 2 ** (32 - vpcPrefix);
        const start = vpcStart + within - (within % size);
        const cell = `${vpc}:${Math.floor(start / 8)}`;
        if (used.has(cell)) return;
        used.add(cell);
        builder.subnet(
          `vpc-${vpc}`,
          `sn-${i}`,
          `10.0.0.${start}/${prefix}`,
          vpc === 0 && i % 2 === 1 ? 'rtb-0b' : undefined,
        );
      });
      const attached = new Set<number>();
      const list = attachments.filter(({ vpc }) => !attached.has(vpc) && attached.add(vpc));
      if (list.length > 0)
        builder.ccn(
          'ccn-x',
          list.map(({ vpc, state, day, publish }) => ({
            vpc: `vpc-${vpc}`,
            state,
            publish,
            ...(day !== undefined ? { attachedAt: day } : {}),
          })),
        );
      const inSecond = new Set<number>();
      const secondList = second.filter(({ vpc }) => !inSecond.has(vpc) && inSecond.add(vpc));
      if (secondList.length > 0)
        builder.ccn(
          'ccn-y',
          secondList.map(({ vpc, state }) => ({ vpc: `vpc-${vpc}`, state, attachedAt: '2026-11-02' })),
        );
      peerings.forEach(({ ends, state, full }, i) => {
        const [a, b] = ends as [number, number];
        builder.peering(`pcx-${i}`, `vpc-${a}`, `vpc-${b}`, { state: state as 'active' });
        if (!full) return;
        for (const table of a === 0 ? ['rtb-0', 'rtb-0b'] : [`rtb-${a}`])
          builder.route(table, text(vpcs[b]!), `pcx-${i}`);
        builder.route(`rtb-${b}`, text(vpcs[a]!), `pcx-${i}`);
      });
      for (const { table, destination, hop, enabled } of routes) {
        const to = typeof destination === 'number' ? text(vpcs[destination]!) : text(destination);
        if (hop === -1 || hop >= peerings.length)
          builder.route(tables[table]!, to, 'nat-1', { type: 'nat', enabled });
        else builder.route(tables[table]!, to, `pcx-${hop}`, { enabled });
      }
      return builder.build();
    });

  it('on small random plans', () => {
    fc.assert(
      fc.property(arbitraryPlan, (plan) => {
        const reference = referenceReachability(plan);
        const fast = computeReachability(plan);
        expect(fast.length).toBe(reference.size);
        for (const p of fast) {
          expect({ pair: `${p.from}>${p.to}`, ...reference.get(`${p.from}>${p.to}`) }).toEqual({
            pair: `${p.from}>${p.to}`,
            status: p.status,
            via: p.via,
            reasons: p.reasons,
          });
        }
        // The app's explanation runs on the plan of the two VPCs and their CCNs' members: the same answer.
        for (const p of fast.slice(0, 6)) expect(explainReach(plan, p.from, p.to)!.pair).toEqual(p);
      }),
      { numRuns: 400 },
    );
  });
});
