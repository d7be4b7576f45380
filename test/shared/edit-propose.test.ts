import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY_ROUTE,
  firstFreeBlock,
  mergeIntervals,
  proposeRoute,
  proposeSubnetCidr,
  proposeVpcCidr,
} from '../../shared/edit/propose';
import { applyEdit } from '../../shared/edit/operations';
import type { Plan } from '../../shared/plan/model';
import { validatePlan } from '../../shared/rules/validate';
import { cidrOverlaps, tryParseCidr } from '../../shared/net/cidr';
import { samplePlan, vpc } from './edit-fixtures';

describe('proposals', () => {
  it('proposes the next /16 in 10/8 clear of every VPC', () => {
    expect(proposeVpcCidr(samplePlan())).toBe('10.2.0.0/16');
    const plan = { ...samplePlan(), vpcs: [vpc('x', '10.0.0.0/9'), vpc('y', '10.128.0.0/10')] };
    expect(proposeVpcCidr(plan)).toBe('10.192.0.0/16');
  });

  it('moves on to 172.16/12 and 192.168/16 when 10/8 is full, then gives up', () => {
    const full = { ...samplePlan(), vpcs: [vpc('x', '10.0.0.0/8')] };
    expect(proposeVpcCidr(full)).toBe('172.16.0.0/16');
    const fuller = { ...full, vpcs: [...full.vpcs, vpc('y', '172.16.0.0/12')] };
    expect(proposeVpcCidr(fuller)).toBe('192.168.0.0/16');
    expect(proposeVpcCidr(fuller, 12)).toBeNull();
    const fullest = { ...fuller, vpcs: [...fuller.vpcs, vpc('z', '192.168.0.0/16')] };
    expect(proposeVpcCidr(fullest)).toBeNull();
  });

  it('counts secondary CIDRs as taken and ignores invalid ones', () => {
    const plan = { ...samplePlan(), vpcs: [vpc('x', 'nonsense', { secondaryCidrs: ['10.0.0.0/16'] })] };
    expect(proposeVpcCidr(plan)).toBe('10.1.0.0/16');
  });

  it('proposes the next free subnet block inside the VPC', () => {
    const v = vpc('x', '10.0.0.0/22', {
      subnets: [
        { id: 's1', name: 's1', cidr: '10.0.0.0/24' },
        { id: 's2', name: 's2', cidr: '10.0.2.0/25' },
      ],
    });
    expect(proposeSubnetCidr(v)).toBe('10.0.1.0/24');
    expect(proposeSubnetCidr(v, 25)).toBe('10.0.1.0/25');
    const full = { ...v, subnets: [{ id: 's', name: 's', cidr: '10.0.0.0/22' }] };
    expect(proposeSubnetCidr(full)).toBeNull();
    expect(proposeSubnetCidr({ ...full, secondaryCidrs: ['10.8.0.0/24'] })).toBe('10.8.0.0/24');
  });

  it('first free block never overlaps what is taken (property)', () => {
    const within = tryParseCidr('10.0.0.0/16')!;
    const arbBlock = fc
      .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 16, max: 28 }))
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        const start = within.start + Math.floor(((offset * 256) % 65536) / size) * size;
        return { start, end: start + size - 1 };
      });
    fc.assert(
      fc.property(
        fc.array(arbBlock, { maxLength: 30 }),
        fc.integer({ min: 16, max: 28 }),
        (blocks, prefix) => {
          const merged = mergeIntervals(blocks);
          const found = firstFreeBlock(within, prefix, merged);
          if (found === null) return;
          expect(found.start % 2 ** (32 - prefix)).toBe(0);
          expect(found.end).toBeLessThanOrEqual(within.end);
          for (const b of blocks) expect(cidrOverlaps(found, { ...b, prefix: 0 })).toBe(false);
        },
      ),
    );
  });
});

describe('Add route: proposeRoute', () => {
  const addProposal = (plan: Plan, tableId: string): Plan => {
    const proposal = proposeRoute(plan, tableId);
    if (!proposal || proposal.kind === 'existing') return plan;
    return applyEdit(plan, { kind: 'route.add', routeTable: tableId, route: proposal.route }).plan;
  };
  const codesOn = (plan: Plan, tableId: string): string[] =>
    validatePlan(plan)
      .filter((f) => f.subjects.some((s) => s === tableId || s.startsWith(`${tableId}#`)))
      .map((f) => f.code);

  it('proposes the peer CIDR that is missing, not the one already routed (a second click adds the next one)', () => {
    // a peers with b (routed) and with d (not routed yet): the proposal is d's CIDR through pcx-ad.
    const base = samplePlan();
    const plan: Plan = {
      ...base,
      vpcs: [...base.vpcs, vpc('d', '10.5.0.0/16', { secondaryCidrs: ['10.6.0.0/16'] })],
      peerings: [...base.peerings, { ...base.peerings[0]!, id: 'pcx-ad', name: 'A-D', accepter: 'd' }],
    };
    expect(proposeRoute(plan, 'rtb-a')).toEqual({
      kind: 'route',
      route: { destination: '10.5.0.0/16', nextHop: { type: 'peering', id: 'pcx-ad' }, enabled: true },
    });
    const once = addProposal(plan, 'rtb-a');
    expect(proposeRoute(once, 'rtb-a')).toMatchObject({
      route: { destination: '10.6.0.0/16', nextHop: { id: 'pcx-ad' } },
    });
    const twice = addProposal(once, 'rtb-a');
    expect(codesOn(twice, 'rtb-a')).not.toContain('ROUTE_DUPLICATE');
  });

  it('with every peer routed, or no peering at all, offers an empty row and never invents a next hop', () => {
    const plan = samplePlan();
    // rtb-a already routes b's CIDR: nothing is missing.
    expect(proposeRoute(plan, 'rtb-a')).toEqual({ kind: 'empty', route: EMPTY_ROUTE });
    // c has no peering: no 0.0.0.0/0 to a made-up NAT.
    const proposal = proposeRoute(plan, 'rtb-c');
    expect(proposal).toEqual({ kind: 'empty', route: EMPTY_ROUTE });
    // A second click finds the empty row to fill instead of adding a duplicate one.
    const withEmpty = addProposal(plan, 'rtb-c');
    expect(withEmpty.vpcs[2]!.routeTables[0]!.routes).toHaveLength(1);
    expect(proposeRoute(withEmpty, 'rtb-c')).toEqual({ kind: 'existing', index: 0 });
  });

  it('a table without subnets still gets the peer CIDR of a pending peering; an overlapping peer is skipped', () => {
    const base = samplePlan();
    const plan: Plan = {
      ...base,
      vpcs: [...base.vpcs, vpc('e', '172.16.0.0/20'), vpc('f', '192.168.0.0/16')],
      peerings: [
        { ...base.peerings[0]!, id: 'pcx-ce', requester: 'c', accepter: 'e' },
        {
          ...base.peerings[0]!,
          id: 'pcx-cf',
          requester: 'c',
          accepter: 'f',
          state: 'pending',
          requestedAt: '2026-11-25',
        },
      ],
    };
    expect(proposeRoute(plan, 'rtb-c')).toMatchObject({
      kind: 'route',
      route: { destination: '192.168.0.0/16', nextHop: { type: 'peering', id: 'pcx-cf' } },
    });
  });

  it('property: any number of Add route clicks on any table never makes ROUTE_DUPLICATE or REF_UNKNOWN', () => {
    const base = samplePlan();
    const plan: Plan = {
      ...base,
      vpcs: [...base.vpcs, vpc('d', '10.5.0.0/16', { secondaryCidrs: ['10.6.0.0/16', '10.7.0.0/24'] })],
      peerings: [...base.peerings, { ...base.peerings[0]!, id: 'pcx-ad', accepter: 'd' }],
    };
    const tables = ['rtb-a', 'rtb-b', 'rtb-c', 'rtb-d'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tables), { maxLength: 12 }), (clicks) => {
        let current = plan;
        for (const table of clicks) current = addProposal(current, table);
        const codes = validatePlan(current).map((f) => f.code);
        expect(codes).not.toContain('ROUTE_DUPLICATE');
        // Every peering next hop names a peering of the plan (the fixture's NAT route is its own).
        const peeringIds = new Set(current.peerings.map((p) => p.id));
        for (const v of current.vpcs)
          for (const t of v.routeTables)
            for (const r of t.routes)
              if (r.nextHop.type === 'peering' && r.nextHop.id !== '')
                expect(peeringIds.has(r.nextHop.id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
