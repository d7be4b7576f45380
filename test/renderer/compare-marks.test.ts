/**
 * What the compare view marks on the canvas, worked out by hand for the quick start: a change
 * inside a VPC marks the VPC, objects only the other plan has become ghosts (at the other plan's
 * positions), and a ghost peering is drawn only when both its ends are.
 */
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../shared/diff/plan-diff';
import type { Plan } from '../../shared/plan/model';
import { compareMarks } from '../../renderer/src/lib/compare-marks';
import type { Comparison } from '../../renderer/src/lib/compare-marks';
import { examplePlan } from '../shared/export/plans';

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
