import { describe, expect, it } from 'vitest';
import { describePlan, LEAN_VPC_HEIGHT, regionNodeId } from '../../renderer/src/lib/canvas-elements';
import type { Plan } from '../../shared/plan/model';
import { finding } from '../../shared/rules/finding';
import type { Finding } from '../../shared/rules/finding';
import { samplePlan } from '../shared/edit-fixtures';

function bySubject(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) for (const s of f.subjects) map.set(s, [...(map.get(s) ?? []), f]);
  return map;
}

describe('describePlan', () => {
  const plan: Plan = {
    ...samplePlan(),
    peerings: [
      ...samplePlan().peerings,
      {
        id: 'pcx-ac',
        name: 'A-C',
        requester: 'a',
        accepter: 'c',
        state: 'pending',
        requestedAt: '2026-11-25',
        bandwidthQuotaMbps: 1000,
        chargeType: 'daily-peak',
      },
      {
        id: 'pcx-old',
        name: 'old',
        requester: 'b',
        accepter: 'c',
        state: 'pending',
        requestedAt: '2026-11-01',
        bandwidthQuotaMbps: 1000,
        chargeType: 'daily-peak',
      },
    ],
  };

  it('draws regions as compound nodes holding their VPCs', () => {
    const elements = describePlan(plan, new Map());
    const regions = elements.filter((e) => e.classes === 'region').map((e) => e.data.id);
    expect(regions).toEqual([regionNodeId('ap-beijing'), regionNodeId('ap-guangzhou')]);
    expect(elements.find((e) => e.data.id === 'b')!.data.parent).toBe(regionNodeId('ap-beijing'));
    expect(elements.find((e) => e.data.id === regionNodeId('ap-beijing'))!.data.label).toMatch(/Beijing/);
  });

  it('shows name, CIDRs, account and subnets in a VPC, and marks other accounts', () => {
    const elements = describePlan(plan, new Map());
    const a = elements.find((e) => e.data.id === 'a')!;
    expect(a.data.label.split('\n')).toEqual(['A', '10.0.0.0/16', 'Own', '▸ A1  10.0.1.0/24']);
    const c = elements.find((e) => e.data.id === 'c')!;
    expect(c.classes).toContain('foreign');
    expect(c.data.label).toContain('other account');
    expect(a.classes).not.toContain('foreign');
  });

  it('styles peerings by effective state and kind, with the bandwidth of cross-region ones', () => {
    const elements = describePlan(plan, new Map());
    const ab = elements.find((e) => e.data.id === 'pcx-ab')!;
    expect(ab.classes.split(' ')).toEqual(expect.arrayContaining(['state-active', 'cross-region']));
    expect(ab.data.label).toContain('100 Mbps');
    expect(elements.find((e) => e.data.id === 'pcx-ac')!.classes).toContain('state-pending');
    // Pending for 25 days on the planning date: drawn as expired.
    expect(elements.find((e) => e.data.id === 'pcx-old')!.classes).toContain('state-expired');
  });

  it('marks the elements findings name, counting findings on subnets and routes for their VPC', () => {
    const findings = [
      finding('PEERING_CIDR_OVERLAP', 'overlap', ['pcx-ab', 'a', 'b']),
      finding('SUBNET_SIZE', 'size', ['sn-a1']),
      finding('ROUTE_PEERING_INACTIVE', 'inactive', ['rtb-a#0']),
    ];
    const elements = describePlan(plan, bySubject(findings));
    const a = elements.find((e) => e.data.id === 'a')!;
    expect(a.classes).toContain('has-error');
    expect(a.data.label).toContain('✖ 2 errors  ▲ 1 warning');
    expect(elements.find((e) => e.data.id === 'pcx-ab')!.classes).toContain('has-error');
    expect(elements.find((e) => e.data.id === 'c')!.classes).not.toContain('has-error');
  });

  it('changes an element signature only when what it draws changes', () => {
    const before = describePlan(plan, new Map());
    const after = describePlan(
      { ...plan, vpcs: plan.vpcs.map((v) => (v.id === 'b' ? { ...v, name: 'B2' } : v)) },
      new Map(),
    );
    const changed = after.filter((e, i) => e.signature !== before[i]!.signature).map((e) => e.data.id);
    expect(changed).toEqual(['b']);
  });

  it('in lean mode draws regions as backdrops and VPCs as one-line nodes of a fixed height', () => {
    const elements = describePlan(plan, new Map(), { subnets: true, lean: true });
    const backdrops = elements.filter((e) => e.classes === 'region backdrop').map((e) => e.data.id);
    expect(backdrops).toEqual([regionNodeId('ap-beijing'), regionNodeId('ap-guangzhou')]);
    const vpc = elements.find((e) => e.data.id === 'b')!;
    expect(vpc.data.parent).toBeUndefined();
    expect(vpc.data.region).toBe(regionNodeId('ap-beijing'));
    expect(vpc.data.label).not.toContain('\n');
    expect(vpc.data.height).toBe(LEAN_VPC_HEIGHT);
  });
});
