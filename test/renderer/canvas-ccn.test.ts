/**
 * CCNs on the canvas: a hub node outside the regions, an edge per attachment styled by state,
 * the edge of a member whose published CIDR is invalid (CCN_ROUTE_CONFLICT names the later VPC
 * second) or whose CCN route is shadowed (CCN_ROUTE_SHADOWED names the table first) marked.
 * Findings are written by hand in the shapes spec/ccn.md gives their subjects.
 */
import { describe, expect, it } from 'vitest';
import { attachmentMarks, describePlan, isHub, leanOverview } from '../../renderer/src/lib/canvas-elements';
import { canvasIdOf, renamedSubject, resolveId } from '../../renderer/src/lib/selection';
import type { Finding } from '../../shared/rules/finding';
import { PlanBuilder } from '../shared/plan-builder';

const OTHER = '200000000002';

function plan() {
  return new PlanBuilder()
    .account('100000000001')
    .account(OTHER, { own: false, trusted: true })
    .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16', table: 'rtb-gz' })
    .vpc('vpc-bj', { region: 'ap-beijing', cidr: '10.1.128.0/17', table: 'rtb-bj' })
    .vpc('vpc-data', { region: 'ap-shanghai', cidr: '10.9.0.0/16', account: OTHER, table: 'rtb-data' })
    .vpc('vpc-off', { region: 'ap-shanghai', cidr: '10.8.0.0/16' })
    .ccn('ccn-core', ['vpc-gz', 'vpc-bj', { vpc: 'vpc-data', state: 'pending' }], { name: 'core' })
    .build();
}

/** A finding as the rules would give it (code, severity, subjects); the message is not read here. */
function f(code: string, severity: Finding['severity'], subjects: string[]): Finding {
  return { code, severity, message: code, subjects } as unknown as Finding;
}

function bySubject(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const item of findings) for (const s of item.subjects) map.set(s, [...(map.get(s) ?? []), item]);
  return map;
}

describe('CCN hubs and attachments on the canvas', () => {
  it('draws a hub outside every region and one edge per attached VPC, classed by state', () => {
    const elements = describePlan(plan(), new Map());
    const hub = elements.find((e) => e.data.id === 'ccn-core')!;
    expect(isHub(hub)).toBe(true);
    expect(hub.data.parent).toBeUndefined();
    expect(hub.data.region).toBeUndefined();
    expect(hub.data.label.split('\n')).toEqual(['CCN core', '2 members (+1 not active)', 'gold · postpaid']);
    const edges = elements.filter((e) => e.classes.startsWith('ccn-attachment'));
    expect(edges.map((e) => [e.data.id, e.data.source, e.data.target, e.classes])).toEqual([
      ['ccn-core@vpc-gz', 'ccn-core', 'vpc-gz', 'ccn-attachment state-active'],
      ['ccn-core@vpc-bj', 'ccn-core', 'vpc-bj', 'ccn-attachment state-active'],
      ['ccn-core@vpc-data', 'ccn-core', 'vpc-data', 'ccn-attachment state-pending'],
    ]);
    expect(edges[2]!.data.label).toBe('pending');
    // A VPC that is not attached has no edge; no hub is a VPC.
    expect(elements.some((e) => e.data.target === 'vpc-off')).toBe(false);
    expect(elements.filter(isHub)).toHaveLength(1);
  });

  it('marks the later member of a conflict and the member whose CCN route is shadowed', () => {
    const findings = [
      f('CCN_ROUTE_CONFLICT', 'warning', ['ccn-core', 'vpc-bj', 'vpc-gz']),
      f('CCN_ROUTE_SHADOWED', 'warning', ['rtb-data', 'rtb-data#0', 'ccn-core']),
    ];
    const marks = attachmentMarks(plan(), bySubject(findings));
    expect(marks.get('ccn-core@vpc-bj')).toEqual({ errors: 0, warnings: 1, invalid: 1, shadowed: 0 });
    expect(marks.get('ccn-core@vpc-gz')).toEqual({ errors: 0, warnings: 0, invalid: 0, shadowed: 0 });
    expect(marks.get('ccn-core@vpc-data')).toEqual({ errors: 0, warnings: 1, invalid: 0, shadowed: 1 });
    const elements = describePlan(plan(), bySubject(findings));
    const edge = (id: string) => elements.find((e) => e.data.id === id)!;
    expect(edge('ccn-core@vpc-bj').classes).toBe('ccn-attachment state-active route-invalid has-warning');
    expect(edge('ccn-core@vpc-bj').data.label).toBe('▲ route invalid (conflict)');
    expect(edge('ccn-core@vpc-gz').classes).toBe('ccn-attachment state-active');
    expect(edge('ccn-core@vpc-data').classes).toBe('ccn-attachment state-pending route-shadowed has-warning');
    // The hub counts the CCN's own findings.
    expect(edge('ccn-core').data.label).toMatch(/▲ 2 warnings$/);
  });

  it('near miss: a conflict of another CCN, or a shadowed route in a non-member, marks nothing', () => {
    const findings = [
      f('CCN_ROUTE_CONFLICT', 'warning', ['ccn-other', 'vpc-bj', 'vpc-gz']),
      f('CCN_ROUTE_SHADOWED', 'warning', ['rtb-off', 'rtb-off#0', 'ccn-core']),
    ];
    const elements = describePlan(plan(), bySubject(findings));
    for (const e of elements.filter((d) => d.classes.startsWith('ccn-attachment')))
      expect(e.classes).not.toMatch(/route-|has-/);
  });

  it('an attachment whose VPC the plan lacks is not drawn; lean mode keeps the hub and bundles no attachment', () => {
    const p = plan();
    const broken = {
      ...p,
      ccns: [
        {
          ...p.ccns[0]!,
          attachments: [
            ...p.ccns[0]!.attachments,
            { vpc: 'vpc-gone', state: 'active' as const, publish: 'vpc' as const },
          ],
        },
      ],
    };
    expect(describePlan(broken, new Map()).some((e) => e.data.id === 'ccn-core@vpc-gone')).toBe(false);
    const lean = leanOverview(describePlan(p, new Map(), { subnets: false, lean: true }));
    expect(lean.overview.some((e) => e.data.id === 'ccn-core')).toBe(true);
    expect(lean.overview.some((e) => e.data.id.startsWith('bundle:') && e.data.count === 0)).toBe(false);
    expect(lean.peerings.filter((e) => e.classes.startsWith('ccn-attachment'))).toHaveLength(3);
  });

  it('selection resolves CCNs and attachments to what the canvas draws', () => {
    const p = plan();
    expect(resolveId(p, 'ccn-core')).toMatchObject({ kind: 'ccn', ccn: { id: 'ccn-core' } });
    expect(resolveId(p, 'ccn-core@vpc-bj')).toMatchObject({
      kind: 'ccnAttachment',
      attachment: { vpc: 'vpc-bj' },
      member: { id: 'vpc-bj' },
    });
    expect(resolveId(p, 'ccn-core@vpc-off')).toBeNull();
    expect(canvasIdOf(p, 'ccn-core@vpc-bj')).toBe('ccn-core@vpc-bj');
    expect(canvasIdOf(p, 'ccn-core')).toBe('ccn-core');
  });
});

describe('the selection after an ID rename', () => {
  it('follows the object, a route of a renamed table, and an attachment of a renamed CCN or VPC', () => {
    expect(renamedSubject('ccn-1', 'ccn-1', 'ccn-core')).toBe('ccn-core');
    expect(renamedSubject('rtb-a#2', 'rtb-a', 'rtb-main')).toBe('rtb-main#2');
    expect(renamedSubject('ccn-1@vpc-a', 'ccn-1', 'ccn-core')).toBe('ccn-core@vpc-a');
    expect(renamedSubject('ccn-1@vpc-a', 'vpc-a', 'vpc-gz')).toBe('ccn-1@vpc-gz');
    // Near misses: an ID that only starts like the renamed one stays.
    expect(renamedSubject('ccn-10@vpc-a', 'ccn-1', 'ccn-core')).toBe('ccn-10@vpc-a');
    expect(renamedSubject('ccn-1@vpc-ab', 'vpc-a', 'vpc-gz')).toBe('ccn-1@vpc-ab');
    expect(renamedSubject('vpc-a', 'vpc-b', 'vpc-c')).toBe('vpc-a');
  });
});
