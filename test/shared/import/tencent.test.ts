import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatUnmapped, importTencent } from '../../../shared/import/tencent';
import type { ImportSourceFile } from '../../../shared/import/tencent';
import type { Plan } from '../../../shared/plan/model';
import { normalizePlan } from '../../../shared/plan/normalize';
import { planFileSchema } from '../../../shared/plan/schema';
import { PARTNER_PLAN, TODAY, examplePlan, planFromObject } from '../export/plans';
import { describeAnswersOf } from './describe-answers';

const FIXTURES = fileURLToPath(new URL('../../fixtures/tencent/', import.meta.url));

function fixtureFiles(): ImportSourceFile[] {
  return (readdirSync(FIXTURES, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name: name.split('\\').join('/'), text: readFileSync(`${FIXTURES}${name}`, 'utf8') }));
}

function importPlan(files: readonly ImportSourceFile[], options = {}) {
  const result = importTencent(files, { asOf: TODAY, ...options });
  const checked = planFileSchema.parse(result.file);
  return { plan: normalizePlan(checked, { today: TODAY }), unmapped: result.unmapped.map(formatUnmapped) };
}

describe('import from recorded Describe* answers', () => {
  it('maps VPCs, subnets, route tables, routes and peerings', () => {
    const { plan } = importPlan(fixtureFiles());
    expect(plan.accounts).toEqual([
      { id: '100000000001', name: '100000000001', own: true, trusted: true },
      { id: '300000000003', name: '300000000003', own: false, trusted: false },
    ]);
    const vpcs = Object.fromEntries(plan.vpcs.map((v) => [v.id, v]));
    expect(Object.keys(vpcs).sort()).toEqual(['vpc-bj1', 'vpc-gz1', 'vpc-gz2']);
    expect(vpcs['vpc-gz1']).toMatchObject({
      name: 'prod-gz',
      account: '100000000001',
      region: 'ap-guangzhou',
      cidr: '10.0.0.0/16',
      secondaryCidrs: ['10.1.0.0/16'],
    });
    expect(vpcs['vpc-bj1']!.region).toBe('ap-beijing');
    expect(vpcs['vpc-gz1']!.subnets).toEqual([
      {
        id: 'subnet-gz1a',
        name: 'app-a',
        cidr: '10.0.1.0/24',
        zone: 'ap-guangzhou-3',
        routeTable: 'rtb-gz1main',
      },
      {
        id: 'subnet-gz1b',
        name: 'app-b',
        cidr: '10.0.2.0/24',
        zone: 'ap-guangzhou-4',
        routeTable: 'rtb-gz1custom',
      },
    ]);
    expect(vpcs['vpc-gz1']!.routeTables).toEqual([
      {
        id: 'rtb-gz1main',
        name: 'default',
        default: true,
        routes: [
          {
            destination: '10.20.0.0/16',
            nextHop: { type: 'peering', id: 'pcx-gz12' },
            enabled: true,
            description: 'to shared-gz',
          },
          { destination: '192.168.1.0/24', nextHop: { type: 'peering', id: 'pcx-gzbj' }, enabled: true },
          {
            destination: '0.0.0.0/0',
            nextHop: { type: 'nat', id: 'nat-8f2k1d0q' },
            enabled: false,
            description: 'egress',
          },
        ],
      },
      {
        id: 'rtb-gz1custom',
        name: 'app-b-routes',
        default: false,
        routes: [
          { destination: '172.30.0.0/16', nextHop: { type: 'peering', id: 'pcx-partner' }, enabled: true },
          // GWLB_ENDPOINT has its own plan type: kept as the cloud has it.
          {
            destination: '10.99.0.0/24',
            nextHop: { type: 'gwlbendpoint', id: 'gwlbe-0a1b2c3d' },
            enabled: true,
          },
        ],
      },
    ]);
    // The second page of DescribeRouteTables is merged in.
    expect(vpcs['vpc-gz2']!.routeTables.map((t) => t.id)).toEqual(['rtb-gz2main']);

    expect(plan.peerings).toEqual([
      {
        id: 'pcx-gz12',
        name: 'gz-prod-shared',
        requester: 'vpc-gz1',
        accepter: 'vpc-gz2',
        state: 'active',
        requestedAt: '2026-10-01',
        bandwidthQuotaMbps: 1000,
        chargeType: 'daily-peak',
      },
      {
        id: 'pcx-gzbj',
        name: 'gz-bj',
        requester: 'vpc-gz1',
        accepter: 'vpc-bj1',
        state: 'active',
        requestedAt: '2026-10-02',
        bandwidthMbps: 100,
        bandwidthQuotaMbps: 1000,
        chargeType: 'monthly-p95',
      },
      {
        id: 'pcx-partner',
        name: 'partner-to-gz',
        requester: 'vpc-partner',
        accepter: 'vpc-gz1',
        state: 'pending',
        requestedAt: '2026-11-24',
        bandwidthQuotaMbps: 1000,
        chargeType: 'daily-peak',
      },
    ]);
  });

  it('lists everything it could not map, with file and JSON path', () => {
    const { unmapped } = importPlan(fixtureFiles());
    expect(unmapped).toEqual(
      expect.arrayContaining([
        'DescribeVpcPeeringConnections.json: Response.PeerConnectionSet[3].State: peering pcx-old is DELETED: not in the plan',
        "DescribeVpcPeeringConnections.json: Response.PeerConnectionSet[2]: peering pcx-partner: VPC vpc-partner of account 300000000003 is not in the DescribeVpcs answers; add that account's answers to import it",
        'ap-guangzhou/DescribeVpcs.json: Response.VpcSet[0].AssistantCidrSet[1]: container (TKE) CIDR 172.17.0.0/16: not a plan CIDR, skipped',
        'ap-guangzhou/DescribeVpcs.json: Response.VpcSet[1].Ipv6CidrBlock: IPv6 CIDR 2402:4e00:1000:d00::/56: format 1 is IPv4 only, skipped',
        'ap-guangzhou/DescribeRouteTables.page1.json: Response.RouteTableSet[0].RouteSet[0]: route 10.0.0.0/16 via LOCAL Local: the local route is implicit in a plan, skipped',
        'ap-guangzhou/DescribeRouteTables.page1.json: Response.RouteTableSet[0].RouteSet[4].RouteType: route 169.254.0.0/16 via NETD netd-1: a NETD system route, not editable, skipped',
        'ap-guangzhou/DescribeRouteTables.page2.json: Response.RouteTableSet[0].RouteSet[2]: route 2402:4e00:1000:c00::/56 via PEERCONNECTION pcx-gz12: no IPv4 destination (format 1 is IPv4 only), skipped',
        'ap-guangzhou/DescribeSubnets.json: SubnetSet[2].NetworkAclId: subnet subnet-gz2a: network ACL acl-5d3f8b1c is not modelled (reachability ignores it)',
      ]),
    );
    expect(unmapped).toHaveLength(11);
  });

  it('takes accounts from the peerings first, then --account', () => {
    const { plan } = importPlan(fixtureFiles(), { account: '999' });
    // Every fixture VPC is named by a peering of account 100000000001.
    expect(new Set(plan.vpcs.map((v) => v.account))).toEqual(new Set(['100000000001']));
    const lone = importPlan(
      [{ name: 'DescribeVpcs.json', text: '{"VpcSet":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}]}' }],
      { account: '999', region: 'ap-chengdu' },
    );
    expect(lone.plan.vpcs[0]!.account).toBe('999');
    expect(lone.plan.accounts).toEqual([{ id: '999', name: '999', own: true, trusted: true }]);
  });

  it('reports unusable files and error answers instead of dropping them', () => {
    const { plan, unmapped } = importPlan(
      [
        { name: 'broken.json', text: '{"Response": ' },
        {
          name: 'error.json',
          text: '{"Response":{"Error":{"Code":"AuthFailure","Message":"bad key"},"RequestId":"x"}}',
        },
        { name: 'other.json', text: '{"AddressSet": [], "TotalCount": 0}' },
        { name: 'cvm.json', text: '{"InstanceSet": [{"InstanceId": "ins-1"}], "TotalCount": 1}' },
        {
          name: 'DescribeVpcs.json',
          text: '{"VpcSet":[{"VpcId":"vpc-1","VpcName":"one","CidrBlock":"10.0.0.0/16"},{"VpcName":"no id"}]}',
        },
      ],
      { region: 'ap-chengdu', account: '123' },
    );
    expect(unmapped[0]).toMatch(/^broken\.json: not JSON \(.*\): skipped$/);
    expect(unmapped).toContain(
      'error.json: Response.Error: an API error answer (AuthFailure bad key): skipped',
    );
    expect(unmapped).toContain(
      'other.json: AddressSet: not a VpcSet, SubnetSet, RouteTableSet, PeerConnectionSet, CcnSet, InstanceSet or CcnRegionBandwidthLimitSet: skipped',
    );
    // CVM's DescribeInstances answers with an InstanceSet too: its items name no CCN.
    expect(unmapped).toContain(
      'cvm.json: InstanceSet[0]: an InstanceSet item without CcnId or InstanceId (not a DescribeCcnAttachedInstances answer): skipped',
    );
    expect(unmapped).toContain('DescribeVpcs.json: VpcSet[1]: a VPC without VpcId or CidrBlock: skipped');
    expect(plan.vpcs.map((v) => [v.id, v.region, v.account])).toEqual([['vpc-1', 'ap-chengdu', '123']]);
  });
});

/** What the round trip must keep: everything a plan says about the network. */
function networkOf(plan: Plan) {
  return {
    vpcs: plan.vpcs.map((v) => ({
      id: v.id,
      name: v.name,
      account: v.account,
      region: v.region,
      cidr: v.cidr,
      secondaryCidrs: v.secondaryCidrs,
      routeTables: v.routeTables,
      subnets: v.subnets,
    })),
    peerings: plan.peerings.map((p) => ({
      ...p,
      bandwidthQuotaMbps: undefined,
      expectedPeakMbps: undefined,
    })),
  };
}

describe('round trip: plan -> Describe* answers -> import', () => {
  const plans: [string, Plan][] = [
    ['quickstart', examplePlan('quickstart')],
    ['shanghai-hub', examplePlan('shanghai-hub')],
    ['partner', planFromObject(PARTNER_PLAN)],
  ];
  for (const [name, original] of plans) {
    it(`${name}: keeps VPCs, subnets, route tables, routes and peerings`, () => {
      const { plan, unmapped } = importPlan(describeAnswersOf(original));
      const expected = networkOf(original);
      // Regional peerings have no bandwidth cap to import (the cloud answers none).
      const regionOf = new Map(original.vpcs.map((v) => [v.id, v.region]));
      for (const p of expected.peerings) {
        if (regionOf.get(p.requester) === regionOf.get(p.accepter))
          delete (p as { bandwidthMbps?: number }).bandwidthMbps;
      }
      const byId = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id));
      const actual = networkOf(plan);
      expect(byId(actual.vpcs)).toEqual(byId(expected.vpcs));
      expect(byId(actual.peerings)).toEqual(byId(expected.peerings));
      // Only the cloud's own LOCAL routes are left out, and they are listed.
      expect(unmapped.length).toBeGreaterThan(0);
      for (const line of unmapped) expect(line).toMatch(/via LOCAL Local: the local route is implicit/);
    });
  }
});
