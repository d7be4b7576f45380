import { describe, expect, it } from 'vitest';
import {
  describePlan,
  LEAN_VPC_HEIGHT,
  leanOverview,
  regionNodeId,
} from '../../renderer/src/lib/canvas-elements';
import type { ElementDescriptor } from '../../renderer/src/lib/canvas-elements';
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

describe('leanOverview', () => {
  // Three VPCs in Beijing, one in Guangzhou: peerings inside Beijing and across to Guangzhou.
  const vpc = (id: string, region: string): ElementDescriptor => ({
    group: 'nodes',
    data: { id, label: id, region: regionNodeId(region), height: LEAN_VPC_HEIGHT },
    classes: 'vpc',
    signature: id,
  });
  const region = (name: string): ElementDescriptor => ({
    group: 'nodes',
    data: { id: regionNodeId(name), label: name },
    classes: 'region backdrop',
    signature: name,
  });
  const peering = (id: string, source: string, target: string, classes = 'peering'): ElementDescriptor => ({
    group: 'edges',
    data: { id, label: id, source, target },
    classes,
    signature: id,
  });
  const descriptors = [
    region('ap-beijing'),
    region('ap-guangzhou'),
    vpc('a', 'ap-beijing'),
    vpc('b', 'ap-beijing'),
    vpc('c', 'ap-beijing'),
    vpc('g', 'ap-guangzhou'),
    peering('ab', 'a', 'b'),
    peering('bc', 'b', 'c'),
    peering('ag', 'a', 'g', 'peering cross-region has-error'),
    peering('gc', 'g', 'c', 'peering cross-region has-warning'),
  ];

  it('keeps every peering edge apart and every node in the overview', () => {
    const { overview, peerings } = leanOverview(descriptors);
    expect(peerings.map((d) => d.data.id)).toEqual(['ab', 'bc', 'ag', 'gc']);
    expect(overview.filter((d) => d.group === 'nodes').map((d) => d.data.id)).toEqual(
      descriptors.filter((d) => d.group === 'nodes').map((d) => d.data.id),
    );
  });

  it('joins two regions by one bundle counting their peerings and marks, in either direction', () => {
    const bundles = leanOverview(descriptors).overview.filter((d) => d.group === 'edges');
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.data).toMatchObject({
      source: regionNodeId('ap-beijing'),
      target: regionNodeId('ap-guangzhou'),
      count: 2,
      label: '2 peerings · ✖ 1 with errors',
    });
    expect(bundles[0]!.classes).toBe('bundle has-error');
  });

  it('counts on each region its VPCs and the peerings inside it', () => {
    const { overview } = leanOverview(descriptors);
    const label = (name: string): string =>
      overview.find((d) => d.data.id === regionNodeId(name))!.data.label;
    expect(label('ap-beijing')).toBe('ap-beijing\n3 VPCs · 2 peerings inside');
    expect(label('ap-guangzhou')).toBe('ap-guangzhou\n1 VPC · 0 peerings inside');
  });

  it('changes a bundle signature when its count changes', () => {
    const before = leanOverview(descriptors).overview.find((d) => d.group === 'edges')!;
    const after = leanOverview([...descriptors, peering('bg', 'b', 'g')]).overview.find(
      (d) => d.group === 'edges',
    )!;
    expect(after.data.id).toBe(before.data.id);
    expect(after.signature).not.toBe(before.signature);
  });
});
