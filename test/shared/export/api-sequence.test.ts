import { describe, expect, it } from 'vitest';
import { buildApiSequence, exportApiSequence } from '../../../shared/export/api-sequence';
import type { ApiStep } from '../../../shared/export/api-sequence';
import { PARTNER_PLAN, examplePlan, planFromObject } from './plans';

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

  it('cross-account: the peer account accepts before routes; inactive and disabled are skipped', () => {
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
      { planObject: 'rtb-gz-db#1', reason: 'disabled in the plan: not created' },
    ]);
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
});
