/**
 * The import on answers shaped exactly like the cloud's: every field of the SDK's response types
 * (tencentcloud-sdk-nodejs vpc v20170312: Vpc, Subnet, RouteTable, Route, PeerConnection) present,
 * sets given as null, short region codes (`"SourceRegion": "gz"`), ISOLATED, DELETED and FAILED
 * peerings, every GatewayType, CDC fields, `NextToken`, and prototype-key strings where the cloud
 * puts strings. Then the round trip: import -> Terraform -> the next-hop types and regions are the
 * cloud's.
 */
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { regionIdOf, shortRegionCodes } from '../../../shared/catalog/region-codes';
import { exportTerraform } from '../../../shared/export/terraform';
import { formatUnmapped, importTencent } from '../../../shared/import/tencent';
import type { ImportSourceFile } from '../../../shared/import/tencent';
import { normalizePlan } from '../../../shared/plan/normalize';
import { planFileSchema } from '../../../shared/plan/schema';
import { TODAY } from '../export/plans';

type Json = Record<string, unknown>;
const OWN = 100000000001;

const vpc = (id: string, cidr: string, extra: Json = {}): Json => ({
  VpcName: `name-${id}`,
  VpcId: id,
  CidrBlock: cidr,
  IsDefault: false,
  EnableMulticast: false,
  CreatedTime: '2026-09-01 10:00:00',
  DnsServerSet: ['183.60.83.19', '183.60.82.98'],
  DomainName: '',
  DhcpOptionsId: '',
  EnableDhcp: true,
  Ipv6CidrBlock: '',
  TagSet: null,
  AssistantCidrSet: null,
  EnableRouteVpcPublish: false,
  Ipv6CidrBlockSet: null,
  EnableRouteVpcPublishIpv6: false,
  ...extra,
});

const subnet = (
  id: string,
  vpcId: string,
  cidr: string,
  zone: string,
  table: string,
  extra: Json = {},
): Json => ({
  VpcId: vpcId,
  SubnetId: id,
  SubnetName: `name-${id}`,
  CidrBlock: cidr,
  IsDefault: false,
  EnableBroadcast: false,
  Zone: zone,
  RouteTableId: table,
  CreatedTime: '2026-09-01 10:00:00',
  AvailableIpAddressCount: 253,
  Ipv6CidrBlock: '',
  NetworkAclId: '',
  IsRemoteVpcSnat: false,
  TotalIpAddressCount: 253,
  TagSet: null,
  CdcId: '',
  IsCdcSubnet: 0,
  ...extra,
});

let routeNumber = 1;
const route = (
  table: string,
  destination: string,
  gatewayType: string,
  gatewayId: string,
  extra: Json = {},
): Json => ({
  DestinationCidrBlock: destination,
  GatewayType: gatewayType,
  GatewayId: gatewayId,
  RouteId: routeNumber,
  RouteDescription: '',
  Enabled: true,
  RouteType: 'USER',
  RouteTableId: table,
  DestinationIpv6CidrBlock: '',
  RouteItemId: `rti-${routeNumber++}`,
  PublishedToVbc: false,
  CreatedTime: '2026-09-01 10:00:00',
  CdcId: '',
  ...extra,
});

const table = (id: string, vpcId: string, routes: Json[] | null, extra: Json = {}): Json => ({
  VpcId: vpcId,
  RouteTableId: id,
  RouteTableName: 'default',
  AssociationSet: null,
  RouteSet: routes,
  Main: true,
  CreatedTime: '2026-09-01 10:00:00',
  TagSet: null,
  LocalCidrForCcn: null,
  ...extra,
});

const peering = (id: string, source: string, destination: string, extra: Json = {}): Json => ({
  SourceVpcId: source,
  PeerVpcId: destination,
  PeeringConnectionId: id,
  PeeringConnectionName: `name-${id}`,
  State: 'ACTIVE',
  IsNgw: false,
  Bandwidth: 100,
  SourceRegion: 'gz',
  DestinationRegion: 'bj',
  CreateTime: '2026-09-02 11:00:00',
  AppId: 1250000000,
  PeerAppId: 1250000000,
  ChargeType: 'POSTPAID_BY_DAY_MAX',
  SourceUin: OWN,
  DestinationUin: OWN,
  TagSet: null,
  QosLevel: 'AU',
  Type: 'VPC0',
  DestinationVpcId: destination,
  ...extra,
});

const answer = (name: string, body: Json): ImportSourceFile => ({
  name,
  text: JSON.stringify({ Response: { ...body, RequestId: '6f1c3e1a-0000-4000-8000-000000000000' } }),
});

/** The cloud's own GatewayTypes a user route can have, with an ID of the right kind. */
const GATEWAYS: [string, string, string][] = [
  ['NAT', 'nat-1', 'nat'],
  ['INTRANAT', 'intranat-1', 'intranat'],
  ['VPN', 'vpngw-1', 'vpn'],
  ['SSLVPN', 'vpngw-2', 'sslvpn'],
  ['DIRECTCONNECT', 'dcg-1', 'directconnect'],
  ['USER_CCN', 'ccn-1', 'ccn'],
  ['NORMAL_CVM', '10.0.3.4', 'instance'],
  ['CVM', '10.0.3.5', 'cvm'],
  ['HAVIP', 'havip-1', 'havip'],
  ['EIP', '0', 'eip'],
  ['LOCAL_GATEWAY', 'lgw-1', 'localgateway'],
  ['GWLB_ENDPOINT', 'gwlbe-1', 'gwlbendpoint'],
];

/**
 * A Guangzhou VPC and a Beijing VPC of one account, saved without a region in the file names: only
 * the peerings' short codes place them. Peerings: active (gz-bj), isolated, deleted and failed ones
 * (to a VPC of another account), each of the last two with routes still pointing at it, and the
 * deleted one seen again in the Beijing answer.
 */
function cloudAnswers(): ImportSourceFile[] {
  return [
    answer('vpcs-1.json', {
      TotalCount: 2,
      VpcSet: [vpc('vpc-gz', '10.0.0.0/16'), vpc('vpc-bj', '10.1.0.0/16')],
    }),
    answer('subnets-1.json', {
      TotalCount: 3,
      SubnetSet: [
        subnet('subnet-gz', 'vpc-gz', '10.0.1.0/24', 'ap-guangzhou-3', 'rtb-gz'),
        subnet('subnet-bj', 'vpc-bj', '10.1.1.0/24', 'ap-beijing-5', 'rtb-bj'),
        subnet('subnet-cdc', 'vpc-gz', '10.0.9.0/24', 'ap-guangzhou-3', 'rtb-gz', {
          CdcId: 'cluster-8a1b',
          IsCdcSubnet: 1,
        }),
      ],
      NextToken: 'eyJvZmZzZXQiOjEwMH0=',
    }),
    answer('routes-1.json', {
      TotalCount: 2,
      RouteTableSet: [
        table('rtb-gz', 'vpc-gz', [
          route('rtb-gz', '10.0.0.0/16', 'LOCAL', 'Local'),
          route('rtb-gz', '10.1.0.0/16', 'PEERCONNECTION', 'pcx-gzbj'),
          route('rtb-gz', '172.16.0.0/16', 'PEERCONNECTION', 'pcx-isolated'),
          route('rtb-gz', '172.17.0.0/16', 'PEERCONNECTION', 'pcx-deleted'),
          route('rtb-gz', '172.18.0.0/16', 'PEERCONNECTION', 'pcx-deleted'),
          route('rtb-gz', '172.19.0.0/16', 'PEERCONNECTION', 'pcx-failed'),
          ...GATEWAYS.map(([type, id], i) => route('rtb-gz', `192.168.${i}.0/24`, type, id)),
        ]),
        table('rtb-bj', 'vpc-bj', null),
      ],
    }),
    answer('peerings-gz.json', {
      TotalCount: 4,
      PeerConnectionSet: [
        peering('pcx-gzbj', 'vpc-gz', 'vpc-bj'),
        peering('pcx-isolated', 'vpc-gz', 'vpc-other', {
          State: 'ISOLATED',
          DestinationRegion: 'gz',
          DestinationUin: 300000000003,
        }),
        peering('pcx-deleted', 'vpc-gz', 'vpc-gone', { State: 'DELETED', DestinationRegion: 'sh' }),
        peering('pcx-failed', 'vpc-gz', 'vpc-gone2', { State: 'FAILED', DestinationRegion: 'sh' }),
      ],
    }),
    // The Beijing side's answer names the same peerings again.
    answer('peerings-bj.json', {
      TotalCount: 2,
      PeerConnectionSet: [
        peering('pcx-gzbj', 'vpc-gz', 'vpc-bj'),
        peering('pcx-deleted', 'vpc-gz', 'vpc-gone', { State: 'DELETED', DestinationRegion: 'sh' }),
      ],
    }),
  ];
}

function importOf(files: ImportSourceFile[], options = {}) {
  const result = importTencent(files, { asOf: TODAY, ...options });
  return { ...result, lines: result.unmapped.map(formatUnmapped), errors: result.errors.map(formatUnmapped) };
}

function planOf(files: ImportSourceFile[]) {
  const result = importOf(files);
  expect(result.errors).toEqual([]);
  return { plan: normalizePlan(planFileSchema.parse(result.file), { today: TODAY }), lines: result.lines };
}

describe('import of answers shaped like the cloud', () => {
  it('places VPCs by the short region codes of their peerings', () => {
    const { plan } = planOf(cloudAnswers());
    expect(plan.vpcs.map((v) => [v.id, v.region])).toEqual([
      ['vpc-gz', 'ap-guangzhou'],
      ['vpc-bj', 'ap-beijing'],
    ]);
  });

  it("maps every code of the provider's ShortRegionNameParse table", () => {
    // Pairs read in the provider's tencentcloud/common/common.go, written here by hand.
    const expected: [string, string][] = [
      ['gz', 'ap-guangzhou'],
      ['sh', 'ap-shanghai'],
      ['bj', 'ap-beijing'],
      ['shjr', 'ap-shanghai-fsi'],
      ['bjjr', 'ap-beijing-fsi'],
      ['szjr', 'ap-shenzhen-fsi'],
      ['tsn', 'ap-tianjin'],
      ['cd', 'ap-chengdu'],
      ['cq', 'ap-chongqing'],
      ['nj', 'ap-nanjing'],
      ['hk', 'ap-hongkong'],
      ['sg', 'ap-singapore'],
      ['th', 'ap-bangkok'],
      ['jkt', 'ap-jakarta'],
      ['kr', 'ap-seoul'],
      ['jp', 'ap-tokyo'],
      ['in', 'ap-mumbai'],
      ['usw', 'na-siliconvalley'],
      ['use', 'na-ashburn'],
      ['ca', 'na-toronto'],
      ['de', 'eu-frankfurt'],
      ['sao', 'sa-saopaulo'],
      ['ru', 'eu-moscow'],
      ['tpe', 'ap-taipei'],
    ];
    for (const [code, region] of expected) expect(regionIdOf(code), code).toBe(region);
    expect(shortRegionCodes().size).toBe(38);
    expect(regionIdOf('ap-guangzhou')).toBe('ap-guangzhou');
    for (const key of ['toString', '__proto__', 'constructor', 'guangzhou', ''])
      expect(regionIdOf(key)).toBeUndefined();
  });

  it('a VPC whose region cannot be found is an error naming the VPC and --region; --region places it', () => {
    const lone = [answer('vpcs.json', { TotalCount: 1, VpcSet: [vpc('vpc-lone', '10.9.0.0/16')] })];
    const { errors } = importOf(lone, { account: '1' });
    expect(errors).toEqual([
      "vpcs.json: Response.VpcSet[0]: VPC vpc-lone: its region cannot be found (not in the file's path, and no peering names it): give it with --region REGION",
    ]);
    const placed = importOf(lone, { account: '1', region: 'cd' });
    expect(placed.errors).toEqual([]);
    expect(placed.file.vpcs[0]!.region).toBe('ap-chengdu');
    expect(importOf(lone, { account: '1', region: 'toString' }).errors).toHaveLength(2);
  });

  it('keeps ISOLATED peerings and the routes to them; drops DELETED and FAILED ones with their routes, said once each', () => {
    const { plan, lines } = planOf(cloudAnswers());
    expect(plan.peerings.map((p) => [p.id, p.state])).toEqual([
      ['pcx-gzbj', 'active'],
      ['pcx-isolated', 'isolated'],
    ]);
    const routes = plan.vpcs[0]!.routeTables[0]!.routes;
    expect(routes.filter((r) => r.nextHop.type === 'peering').map((r) => r.nextHop.id)).toEqual([
      'pcx-gzbj',
      'pcx-isolated',
    ]);
    const gone = lines.filter((line) => /pcx-(deleted|failed)/.test(line));
    expect(gone).toEqual([
      'peerings-gz.json: Response.PeerConnectionSet[2].State: peering pcx-deleted is DELETED: not in the plan, with the 2 routes that point at it',
      'peerings-gz.json: Response.PeerConnectionSet[3].State: peering pcx-failed is FAILED: not in the plan, with the route that points at it',
    ]);
  });

  it('maps every GatewayType one-to-one', () => {
    const { plan } = planOf(cloudAnswers());
    const routes = plan.vpcs[0]!.routeTables[0]!.routes.filter((r) => r.nextHop.type !== 'peering');
    expect(routes.map((r) => [r.nextHop.type, r.nextHop.id])).toEqual(
      GATEWAYS.map(([, id, type]) => [type, id]),
    );
  });

  it('lists CDC subnets as not modelled; says nothing about VPC0, NextToken or null sets; reports a peering seen twice once', () => {
    const { lines } = planOf(cloudAnswers());
    expect(lines.filter((l) => /CDC/.test(l))).toEqual([
      'subnets-1.json: Response.SubnetSet[2].CdcId: subnet subnet-cdc is a CDC subnet (cluster-8a1b); CDC (dedicated clusters) is not modelled, imported as a plain subnet',
    ]);
    expect(lines.filter((l) => /VPC0|Type|NextToken|null|not an object/.test(l))).toEqual([]);
    // Beside the two gone peerings and the CDC subnet: the LOCAL route, and the isolated
    // peering's far end (another account's VPC) named once although two files carry peerings.
    expect(lines.filter((l) => /vpc-other/.test(l))).toHaveLength(1);
    expect(lines).toHaveLength(5);
  });

  it('a bare-metal peering type is noted', () => {
    const files = cloudAnswers();
    files[3] = answer('peerings-gz.json', {
      TotalCount: 1,
      PeerConnectionSet: [peering('pcx-gzbj', 'vpc-gz', 'vpc-bj', { Type: 'VPC_BM_PEER' })],
    });
    expect(planOf(files.slice(0, 4)).lines.filter((l) => /bare-metal/.test(l))).toHaveLength(1);
  });

  it('takes prototype-key strings as unknown values, never as keys', () => {
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const files = [
        answer('ap-guangzhou/vpcs.json', { TotalCount: 1, VpcSet: [vpc('vpc-gz', '10.0.0.0/16')] }),
        answer('ap-guangzhou/routes.json', {
          TotalCount: 1,
          RouteTableSet: [table('rtb-gz', 'vpc-gz', [route('rtb-gz', '10.5.0.0/16', key, 'x-1')])],
        }),
        answer('peerings.json', {
          TotalCount: 2,
          PeerConnectionSet: [
            peering('pcx-a', 'vpc-gz', 'vpc-x', {
              ChargeType: key,
              SourceRegion: key,
              DestinationRegion: 'gz',
            }),
            peering('pcx-b', 'vpc-gz', 'vpc-y', { State: key, DestinationRegion: 'gz' }),
          ],
        }),
      ];
      const { plan, lines } = planOf(files);
      expect(plan.vpcs[0]!.routeTables[0]!.routes, key).toEqual([]);
      expect(lines, key).toContain(
        `ap-guangzhou/routes.json: Response.RouteTableSet[0].RouteSet[0].GatewayType: route 10.5.0.0/16 via ${key} x-1: next-hop type ${key} has no plan equivalent, skipped`,
      );
      expect(
        plan.peerings.map((p) => [p.id, p.chargeType]),
        key,
      ).toEqual([['pcx-a', 'daily-peak']]);
      expect(
        lines.filter((l) => l.includes(`charge type ${key}`)),
        key,
      ).toHaveLength(1);
      expect(
        lines.filter((l) => l.includes(`region ${key} is neither`)),
        key,
      ).toHaveLength(1);
      expect(
        lines.filter((l) => l.includes(`pcx-b is ${key}`)),
        key,
      ).toHaveLength(1);
    }
  });
});

describe('round trip: cloud answers -> import -> Terraform', () => {
  it('writes the next-hop types and regions the cloud has', async () => {
    const { plan } = planOf(cloudAnswers());
    const hcl = (await parseHcl('main.tf', exportTerraform(plan))) as {
      provider: { tencentcloud: { alias: string; region: string }[] };
      resource: Record<string, Record<string, Record<string, unknown>[]>>;
    };
    expect(hcl.provider.tencentcloud.map((p) => p.region).sort()).toEqual(['ap-beijing', 'ap-guangzhou']);
    const peering = Object.values(hcl.resource.tencentcloud_vpc_peer_connect_manager!).map((b) => b[0]!);
    // The isolated peering's far end is another account's VPC, not in the answers: not created.
    expect(peering.map((p) => p.destination_region)).toEqual(['ap-beijing']);
    const entries = Object.values(hcl.resource.tencentcloud_route_table_entry!).map((b) => b[0]!);
    const byDestination = new Map(entries.map((e) => [e.destination_cidr_block, e.next_type]));
    GATEWAYS.forEach(([type], i) => expect(byDestination.get(`192.168.${i}.0/24`), type).toBe(type));
    expect(byDestination.get('10.1.0.0/16')).toBe('PEERCONNECTION');
  });
});
