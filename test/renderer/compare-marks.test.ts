/**
 * What the compare view marks on the canvas, worked out by hand for the quick start: a change
 * inside a VPC marks the VPC, objects only the other plan has become ghosts (at the other plan's
 * positions), and a ghost peering is drawn only when both its ends are.
 */
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../shared/diff/plan-diff';
import type { Plan } from '../../shared/plan/model';
import { compareMarks, selectableId } from '../../renderer/src/lib/compare-marks';
import type { Comparison } from '../../renderer/src/lib/compare-marks';
import { examplePlan } from '../shared/export/plans';
import { PlanBuilder } from '../shared/plan-builder';

function comparison(before: Plan, after: Plan, current: 'before' | 'after'): Comparison {
  return {
    before: {
      label: 'a',
      plan: before,
      current: current === 'before',
      positions: { 'vpc-bj02': { x: 7, y: 9 } },
    },
    after: { label: 'b', plan: after, current: current === 'after', positions: {} },
    diff: diffPlans(before, after),
  };
}

describe('compare marks on the canvas', () => {
  const quickstart = examplePlan('quickstart');

  it('a subnet renamed marks its VPC changed; a peering changed is marked on its edge', () => {
    const [gz, bj] = quickstart.vpcs;
    const after: Plan = {
      ...quickstart,
      vpcs: [gz!, { ...bj!, subnets: bj!.subnets.map((s) => ({ ...s, name: 'renamed' })) }],
      peerings: quickstart.peerings.map((p) => ({ ...p, bandwidthMbps: 200 })),
    };
    const { marks, ghosts } = compareMarks(comparison(quickstart, after, 'after'), after);
    expect([...marks]).toEqual([
      ['vpc-bj02', 'changed'],
      ['pcx-gzbj', 'changed'],
    ]);
    expect(ghosts).toEqual([]);
  });

  it('a VPC removed since the revision is a red ghost where the revision had it, with its peering', () => {
    const after: Plan = { ...quickstart, vpcs: [quickstart.vpcs[0]!], peerings: [] };
    const { marks, ghosts } = compareMarks(comparison(quickstart, after, 'after'), after);
    expect(marks.size).toBe(0);
    expect(ghosts).toEqual([
      {
        id: 'vpc-bj02',
        group: 'vpc',
        label: 'VPC2\n10.0.0.0/16',
        change: 'removed',
        position: { x: 7, y: 9 },
      },
      {
        id: 'pcx-gzbj',
        group: 'peering',
        label: 'PeerConn',
        change: 'removed',
        source: 'vpc-gz01',
        target: 'vpc-bj02',
      },
    ]);
  });

  it('the open plan before a copy: what the copy removes is marked on the canvas, no ghost', () => {
    const copy: Plan = { ...quickstart, peerings: [] };
    const { marks, ghosts } = compareMarks(comparison(quickstart, copy, 'before'), quickstart);
    expect(marks.get('pcx-gzbj')).toBe('removed');
    expect(ghosts).toEqual([]);
  });

  it('two revisions, neither open: nothing on the canvas', () => {
    const other: Plan = { ...quickstart, peerings: [] };
    const result = compareMarks(comparison(quickstart, other, 'after'), null);
    expect(result.marks.size).toBe(0);
    const neither: Comparison = {
      ...comparison(quickstart, other, 'after'),
      after: { label: 'b', plan: other, current: false, positions: {} },
    };
    expect(compareMarks(neither, quickstart).marks.size).toBe(0);
  });
});

describe('compare marks for CCNs', () => {
  // Three VPCs; the hub's canvas ID is the CCN ID, an attachment edge's is `<ccnId>@<vpcId>`.
  const base = (): PlanBuilder =>
    new PlanBuilder()
      .vpc('vpc-a', { cidr: '10.1.0.0/16' })
      .vpc('vpc-b', { cidr: '10.2.0.0/16', region: 'ap-beijing' })
      .vpc('vpc-c', { cidr: '10.3.0.0/16', region: 'ap-shanghai' });

  it('a CCN added is marked added on its hub, and so are its attachment edges', () => {
    const before = base().build();
    const after = base().ccn('ccn-x', ['vpc-a', 'vpc-b']).build();
    const { marks, ghosts } = compareMarks(comparison(before, after, 'after'), after);
    expect([...marks].sort()).toEqual([
      ['ccn-x', 'added'],
      ['ccn-x@vpc-a', 'added'],
      ['ccn-x@vpc-b', 'added'],
    ]);
    expect(ghosts).toEqual([]);
  });

  it('an attachment added marks its edge added and leaves the other edges alone', () => {
    const before = base().ccn('ccn-x', ['vpc-a', 'vpc-b']).build();
    const after = base().ccn('ccn-x', ['vpc-a', 'vpc-b', 'vpc-c']).build();
    const { marks } = compareMarks(comparison(before, after, 'after'), after);
    expect(marks.get('ccn-x@vpc-c')).toBe('added');
    expect(marks.has('ccn-x@vpc-a')).toBe(false);
    expect(marks.has('ccn-x@vpc-b')).toBe(false);
  });

  it('an attachment removed from the open plan has no edge left: its hub is marked changed', () => {
    const before = base().ccn('ccn-x', ['vpc-a', 'vpc-b', 'vpc-c']).build();
    const after = base().ccn('ccn-x', ['vpc-a', 'vpc-b']).build();
    const { marks } = compareMarks(comparison(before, after, 'after'), after);
    expect([...marks]).toEqual([['ccn-x', 'changed']]);
  });

  it('the open plan is the older side: the attachment the newer drops is marked removed', () => {
    const open = base().ccn('ccn-x', ['vpc-a', 'vpc-c']).build();
    const newer = base().ccn('ccn-x', ['vpc-a']).build();
    const { marks } = compareMarks(comparison(open, newer, 'before'), open);
    expect([...marks]).toEqual([['ccn-x@vpc-c', 'removed']]);
  });

  it('a CCN setting and an attachment state changed mark the hub and the edge changed', () => {
    const before = base().ccn('ccn-x', ['vpc-a', 'vpc-b']).build();
    const after = base()
      .ccn('ccn-x', ['vpc-a', { vpc: 'vpc-b', state: 'pending' }], { qosLevel: 'PT' })
      .build();
    const { marks } = compareMarks(comparison(before, after, 'after'), after);
    expect([...marks].sort()).toEqual([
      ['ccn-x', 'changed'],
      ['ccn-x@vpc-b', 'changed'],
    ]);
  });

  it('a CCN only the other plan has marks nothing on the open canvas', () => {
    const before = base().ccn('ccn-x', ['vpc-a']).build();
    const after = base().build();
    expect(compareMarks(comparison(before, after, 'after'), after).marks.size).toBe(0);
  });

  it('CCN traffic selects its CCN; peering traffic its peering', () => {
    expect(selectableId({ object: 'traffic', id: 'ccn-x ap-beijing~ap-guangzhou' })).toBe('ccn-x');
    expect(selectableId({ object: 'traffic', id: 'pcx-gzbj' })).toBe('pcx-gzbj');
    expect(selectableId({ object: 'ccnAttachment', id: 'ccn-x@vpc-a' })).toBe('ccn-x@vpc-a');
  });
});
