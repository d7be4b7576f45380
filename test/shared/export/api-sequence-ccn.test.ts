/**
 * CCNs in the API call sequence (spec/ccn.md, Exports): CreateCcn, AttachCcnInstances in attachment
 * order, the owner's AcceptAttachCcnInstances, SetCcnRegionBandwidthLimits. Every parameter is
 * checked against the SDK's request interfaces (test/fixtures/tencent-sdk, copied from the SDK's
 * source): no unknown name, every required name present, the declared type.
 */
import { describe, expect, it } from 'vitest';
import { buildApiSequence } from '../../../shared/export/api-sequence';
import type { ApiStep, ApiValue } from '../../../shared/export/api-sequence';
import { CCN_PREPAID_PLAN, ccnCorePlan, planFromObject } from './plans';
import { sdkModels } from './tencent-sdk-models';

const models = sdkModels();
const CCN_ACTIONS = [
  'CreateCcn',
  'AttachCcnInstances',
  'AcceptAttachCcnInstances',
  'SetCcnRegionBandwidthLimits',
];

/** Checks `value` against the SDK interface `model`, recursing into `Array<Element>` fields. */
function expectMatchesModel(value: ApiValue, model: string, where: string): void {
  const fields = models.get(model);
  expect(fields, `the excerpt has ${model}`).toBeDefined();
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), where).toBe(true);
  const object = value as Record<string, ApiValue>;
  for (const [name, field] of fields!) {
    if (field.required) expect(object, `${where}: ${model}.${name} is required`).toHaveProperty(name);
  }
  for (const [name, v] of Object.entries(object)) {
    const field = fields!.get(name);
    expect(field, `${where}: ${name} is a field of ${model}`).toBeDefined();
    const element = /^Array<(\w+)>$/.exec(field!.type)?.[1];
    if (element !== undefined) {
      expect(Array.isArray(v), `${where}.${name} is an array`).toBe(true);
      (v as ApiValue[]).forEach((item, i) => expectMatchesModel(item, element, `${where}.${name}[${i}]`));
    } else if (typeof v === 'object' && v !== null && '$ref' in v) {
      // An ID from an earlier answer: the SDK declares IDs as strings.
      expect(field!.type, `${where}.${name}`).toBe('string');
    } else {
      expect(typeof v, `${where}.${name}`).toBe(field!.type);
    }
  }
}

function ccnSteps(steps: readonly ApiStep[]): ApiStep[] {
  return steps.filter((s) => CCN_ACTIONS.includes(s.Action));
}

describe('API sequence: CCNs', () => {
  it('every CCN call matches its SDK request interface', () => {
    for (const plan of [ccnCorePlan(), planFromObject(CCN_PREPAID_PLAN)]) {
      const steps = ccnSteps(buildApiSequence(plan).steps);
      expect(new Set(steps.map((s) => s.Action)).size).toBeGreaterThanOrEqual(3);
      for (const step of steps) expectMatchesModel(step.Parameters, `${step.Action}Request`, step.id);
    }
    // The reference CreateCcn's answer is read at: CreateCcnResponse.Ccn (a CCN) .CcnId.
    expect(models.get('CreateCcnResponse')?.get('Ccn')?.type).toBe('CCN');
    expect(models.get('CCN')?.has('CcnId')).toBe(true);
  });

  it('ccn-core: create, attach in order by each VPC account, the owner accepts the cross-account member', () => {
    const sequence = buildApiSequence(ccnCorePlan());
    const steps = ccnSteps(sequence.steps);
    // After everything else: the CCN steps close the sequence.
    expect(sequence.steps.slice(-steps.length)).toEqual(steps);
    expect(steps.map((s) => [s.Action, s.Account, s.Region, s.planObject])).toEqual([
      ['CreateCcn', '100000000001', 'ap-guangzhou', 'ccn-core'],
      ['AttachCcnInstances', '100000000001', 'ap-guangzhou', 'ccn-core@vpc-gz'],
      ['AttachCcnInstances', '100000000001', 'ap-shanghai', 'ccn-core@vpc-sh'],
      ['AttachCcnInstances', '100000000001', 'ap-beijing', 'ccn-core@vpc-bj'],
      ['AttachCcnInstances', '200000000002', 'ap-shanghai', 'ccn-core@vpc-data'],
      ['AcceptAttachCcnInstances', '100000000001', 'ap-guangzhou', 'ccn-core@vpc-data'],
    ]);
    const create = steps[0]!;
    expect(create.Parameters).toEqual({
      CcnName: 'core',
      CcnDescription: 'Peerplan CCN ccn-core',
      QosLevel: 'AU',
      InstanceChargeType: 'POSTPAID',
      BandwidthLimitType: 'OUTER_REGION_LIMIT',
    });
    const ccnId = { $ref: `${create.id}.Ccn.CcnId` };
    const vpcIdOf = (vpc: string) => {
      const step = sequence.steps.find((s) => s.Action === 'CreateVpc' && s.planObject === vpc)!;
      return { $ref: `${step.id}.Vpc.VpcId` };
    };
    expect(steps[1]!.Parameters).toEqual({
      CcnId: ccnId,
      Instances: [{ InstanceType: 'VPC', InstanceId: vpcIdOf('vpc-gz'), InstanceRegion: 'ap-guangzhou' }],
    });
    const dataInstance = {
      InstanceType: 'VPC',
      InstanceId: vpcIdOf('vpc-data'),
      InstanceRegion: 'ap-shanghai',
    };
    expect(steps[4]!.Parameters).toEqual({ CcnId: ccnId, Instances: [dataInstance], CcnUin: '100000000001' });
    expect(steps[5]!.Parameters).toEqual({ CcnId: ccnId, Instances: [dataInstance] });
    expect(sequence.skipped).toEqual([]);
  });

  it('prepaid inter-region: limits per pair in one call; rejected, expired, unknown members and a pairless limit skipped', () => {
    const sequence = buildApiSequence(planFromObject(CCN_PREPAID_PLAN));
    const steps = ccnSteps(sequence.steps);
    expect(steps.map((s) => `${s.Action} ${s.planObject}`)).toEqual([
      'CreateCcn ccn-prepaid',
      'AttachCcnInstances ccn-prepaid@vpc-gz',
      'AcceptAttachCcnInstances ccn-prepaid@vpc-gz',
      'AttachCcnInstances ccn-prepaid@vpc-bj',
      'AcceptAttachCcnInstances ccn-prepaid@vpc-bj',
      'SetCcnRegionBandwidthLimits ccn-prepaid',
    ]);
    // The owner has no VPC: its calls go to the first member's region.
    expect(steps[0]).toMatchObject({
      Account: '300000000003',
      Region: 'ap-guangzhou',
      Parameters: {
        CcnName: 'hub "${x}"\nline two',
        QosLevel: 'PT',
        InstanceChargeType: 'PREPAID',
        BandwidthLimitType: 'INTER_REGION_LIMIT',
      },
    });
    expect(steps[5]!.Parameters).toEqual({
      CcnId: { $ref: `${steps[0]!.id}.Ccn.CcnId` },
      CcnRegionBandwidthLimits: [
        { Region: 'ap-guangzhou', BandwidthLimit: 50, DstRegion: 'ap-beijing' },
        { Region: 'ap-beijing', BandwidthLimit: 20, DstRegion: 'ap-guangzhou' },
      ],
    });
    expect(sequence.skipped.map((s) => s.planObject)).toEqual([
      'ccn-prepaid@vpc-sh',
      'ccn-prepaid@vpc-cd',
      'ccn-prepaid@vpc-gone',
      'ccn-prepaid limit ap-shanghai',
    ]);
    expect(sequence.skipped[0]!.reason).toMatch(/^rejected/);
    expect(sequence.skipped[1]!.reason).toMatch(/^expired/);
  });

  it('a near miss: an extra or misspelt parameter fails the SDK check', () => {
    const create = ccnSteps(buildApiSequence(ccnCorePlan()).steps)[0]!;
    expect(() =>
      expectMatchesModel({ ...create.Parameters, CcnQos: 'AU' }, 'CreateCcnRequest', 'mutated'),
    ).toThrow();
    const { CcnName: _dropped, ...withoutName } = create.Parameters;
    expect(() => expectMatchesModel(withoutName, 'CreateCcnRequest', 'mutated')).toThrow();
    expect(() =>
      expectMatchesModel({ ...create.Parameters, QosLevel: 3 }, 'CreateCcnRequest', 'mutated'),
    ).toThrow();
  });
});
