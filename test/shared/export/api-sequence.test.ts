import { describe, expect, it } from 'vitest';
import { buildApiSequence, exportApiSequence } from '../../../shared/export/api-sequence';
import type { ApiStep } from '../../../shared/export/api-sequence';
import {
  EVERYTHING_CLOUD_NEXT_HOPS,
  PARTNER_PLAN,
  examplePlan,
  partnerPlanWithEverything,
  planFromObject,
} from './plans';

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === 'object') {
    if ('$ref' in value) out.push((value as { $ref: string }).$ref);
    else Object.values(value).forEach((v) => refsOf(v, out));
  }
  return out;
}

/** Each `$ref` names an earlier step and a field that step's Action returns. */
const RESPONSE_PATHS: Record<string, RegExp> = {
  CreateVpc: /^Vpc\.VpcId$/,
  CreateSubnet: /^Subnet\.SubnetId$/,
  CreateRouteTable: /^RouteTable\.RouteTableId$/,
  DescribeRouteTables: /^RouteTableSet\[0\]\.RouteTableId$/,
  CreateVpcPeeringConnection: /^PeeringConnectionId$/,
};

function expectReferencesPointBackwards(steps: readonly ApiStep[]): void {
  steps.forEach((step, index) => {
    expect(step.id).toBe(`step-${index + 1}`);
    expect(step.Version).toBe('2017-03-12');
    for (const ref of refsOf(step.Parameters)) {
      const [, target, path] = /^(step-\d+)\.(.+)$/.exec(ref) ?? [];
      const targetIndex = steps.findIndex((s) => s.id === target);
      expect(targetIndex, `${step.id} refers to ${ref}`).toBeGreaterThanOrEqual(0);
      expect(targetIndex).toBeLessThan(index);
      expect(path).toMatch(RESPONSE_PATHS[steps[targetIndex]!.Action]!);
    }
  });
}

describe('API 3.0 call sequence', () => {
  it('quick start: VPCs, subnets, the peering, then a route on each side', () => {
    const sequence = buildApiSequence(examplePlan('quickstart'));
    expectReferencesPointBackwards(sequence.steps);
    expect(sequence.steps.map((s) => `${s.Action} ${s.Region}`)).toEqual([
      'CreateVpc ap-guangzhou',
      'CreateVpc ap-beijing',
      'CreateSubnet ap-guangzhou',
      'CreateSubnet ap-beijing',
      'CreateVpcPeeringConnection ap-guangzhou',
      'DescribeRouteTables ap-guangzhou',
      'CreateRoutes ap-guangzhou',
      'DescribeRouteTables ap-beijing',
      'CreateRoutes ap-beijing',
    ]);
    const peering = sequence.steps[4]!;
    expect(peering.Parameters).toEqual({
      SourceVpcId: { $ref: 'step-1.Vpc.VpcId' },
      PeeringConnectionName: 'PeerConn',
      DestinationVpcId: { $ref: 'step-2.Vpc.VpcId' },
      DestinationUin: '100000000001',
      DestinationRegion: 'ap-beijing',
      Bandwidth: 100,
      ChargeType: 'POSTPAID_BY_DAY_MAX',
    });
    expect(sequence.steps[6]!.Parameters).toEqual({
      RouteTableId: { $ref: 'step-6.RouteTableSet[0].RouteTableId' },
      Routes: [
        {
          DestinationCidrBlock: '10.0.1.0/24',
          GatewayType: 'PEERCONNECTION',
          GatewayId: { $ref: 'step-5.PeeringConnectionId' },
        },
      ],
    });
    expect(sequence.skipped).toEqual([]);
  });

  it('cross-account: the peer account accepts before routes; inactive peerings are skipped', () => {
    const sequence = buildApiSequence(planFromObject(PARTNER_PLAN));
    expectReferencesPointBackwards(sequence.steps);
    const actions = sequence.steps.map((s) => s.Action);
    const create = actions.indexOf('CreateVpcPeeringConnection');
    const accept = actions.indexOf('AcceptVpcPeeringConnection');
    expect(create).toBeGreaterThan(actions.lastIndexOf('CreateSubnet'));
    expect(accept).toBeGreaterThan(create);
    expect(actions.indexOf('CreateRoutes')).toBeGreaterThan(accept);
    expect(actions.filter((a) => a === 'CreateVpcPeeringConnection')).toHaveLength(1);

    const acceptStep = sequence.steps[accept]!;
    expect(acceptStep).toMatchObject({
      Region: 'ap-shanghai',
      Account: '200000000002',
      Parameters: { PeeringConnectionId: { $ref: `${sequence.steps[create]!.id}.PeeringConnectionId` } },
    });
    expect(sequence.steps[create]).toMatchObject({ Account: '100000000001', Region: 'ap-guangzhou' });
    expect(sequence.steps.find((s) => s.Action === 'CreateAssistantCidr')?.Parameters.CidrBlocks).toEqual([
      '10.1.0.0/16',
    ]);
    const association = sequence.steps.find((s) => s.Action === 'ReplaceRouteTableAssociation')!;
    expect(association.planObject).toBe('sn-gz-db');

    expect(sequence.skipped).toEqual([
      { planObject: 'pcx-old', reason: 'rejected: not created' },
      { planObject: 'rtb-gz-db#0', reason: 'its peering pcx-old is not created' },
    ]);
    // The disabled route is created alone, then disabled by the RouteId its answer holds.
    const disabledAt = sequence.steps.findIndex((s) => s.planObject === 'rtb-gz-db#1');
    const [createDisabled, disable] = sequence.steps.slice(disabledAt, disabledAt + 2);
    expect(createDisabled).toMatchObject({
      Action: 'CreateRoutes',
      Account: '100000000001',
      Region: 'ap-guangzhou',
    });
    expect(createDisabled!.Parameters.Routes).toEqual([
      {
        DestinationCidrBlock: '172.16.1.0/24',
        GatewayType: 'PEERCONNECTION',
        GatewayId: { $ref: `${sequence.steps[create]!.id}.PeeringConnectionId` },
      },
    ]);
    expect(disable).toMatchObject({
      Action: 'DisableRoutes',
      planObject: 'rtb-gz-db#1',
      Parameters: {
        RouteTableId: createDisabled!.Parameters.RouteTableId,
        RouteIds: [{ $ref: `${createDisabled!.id}.RouteTableSet[0].RouteSet[0].RouteId` }],
      },
    });
    const natRoute = sequence.steps
      .filter((s) => s.Action === 'CreateRoutes')
      .flatMap((s) => s.Parameters.Routes as { GatewayType: string }[])
      .find((r) => r.GatewayType === 'NAT');
    expect(natRoute).toEqual({
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayType: 'NAT',
      GatewayId: 'nat-123',
      RouteDescription: 'egress ${x}',
    });
  });

  it('is one JSON document with a trailing newline', () => {
    const text = exportApiSequence(examplePlan('shanghai-hub'));
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe('peerplan-api-sequence/1');
    expectReferencesPointBackwards(parsed.steps);
  });

  it('leaves a subnet without zone out, listed once; creates isolated peerings; writes every next-hop type as the cloud names it', () => {
    const sequence = buildApiSequence(partnerPlanWithEverything());
    expectReferencesPointBackwards(sequence.steps);
    expect(sequence.skipped.filter((s) => s.planObject === 'sn-gz-db')).toHaveLength(1);
    expect(sequence.steps.filter((s) => s.planObject === 'sn-gz-db')).toEqual([]);
    expect(
      sequence.steps
        .filter((s) => s.Action === 'CreateSubnet')
        .every((s) => typeof s.Parameters.Zone === 'string'),
    ).toBe(true);
    // Isolated: it exists in the cloud, so it is created, and the route to it too.
    expect(
      sequence.steps.filter((s) => s.Action === 'CreateVpcPeeringConnection').map((s) => s.planObject),
    ).toEqual(['pcx-partner', 'pcx-old']);
    const bjRoutes = sequence.steps.find((s) => s.Action === 'CreateRoutes' && s.Region === 'ap-beijing')!;
    expect(
      (bjRoutes.Parameters.Routes as { GatewayType: string; GatewayId: string }[]).map((r) => [
        r.GatewayType,
        r.GatewayId,
      ]),
    ).toEqual(EVERYTHING_CLOUD_NEXT_HOPS);
  });
});
