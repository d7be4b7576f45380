/**
 * CCNs in `import-tencent`: saved answers of DescribeCcns, DescribeCcnAttachedInstances and
 * DescribeCcnRegionBandwidthLimits (test/fixtures/tencent-ccn, shaped as the SDK's models) read
 * with the VPC answers of test/fixtures/tencent. States, order, non-VPC instances, limits, owners,
 * and hostile cloud strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatUnmapped, importTencent } from '../../../shared/import/tencent';
import type { ImportSourceFile } from '../../../shared/import/tencent';
import { normalizePlan } from '../../../shared/plan/normalize';
import { planFileSchema } from '../../../shared/plan/schema';
import { TODAY, ccnCorePlan } from '../export/plans';
import { describeAnswersOf } from './describe-answers';
import { API_CCN_CHARGE_TYPE, API_CCN_LIMIT_TYPE } from '../../../shared/export/tencent-vocabulary';
import { sdkModels } from '../export/tencent-sdk-models';

function filesOf(folder: string): ImportSourceFile[] {
  const dir = fileURLToPath(new URL(`../../fixtures/${folder}/`, import.meta.url));
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name: name.split('\\').join('/'), text: readFileSync(`${dir}${name}`, 'utf8') }));
}

function importAll(files: readonly ImportSourceFile[], options = {}) {
  const result = importTencent(files, { asOf: TODAY, ...options });
  const checked = planFileSchema.parse(result.file);
  return {
    plan: normalizePlan(checked, { today: TODAY }),
    file: result.file,
    unmapped: result.unmapped.map(formatUnmapped),
    errors: result.errors,
  };
}

const answer = (name: string, body: object): ImportSourceFile => ({
  name,
  text: JSON.stringify({ Response: { ...body, RequestId: 'r' } }),
});

describe('import-tencent: CCNs', () => {
  it('the fixture answers use only field names of the SDK models', () => {
    const models = sdkModels();
    const check = (file: string, set: string, model: string) => {
      const text = JSON.parse(
        readFileSync(new URL(`../../fixtures/tencent-ccn/${file}`, import.meta.url), 'utf8'),
      );
      const root = text.Response ?? text;
      const fields = models.get(model)!;
      expect(fields.size).toBeGreaterThan(3);
      for (const item of root[set] as Record<string, unknown>[])
        for (const key of Object.keys(item)) expect(fields.has(key), `${model}.${key}`).toBe(true);
    };
    check('DescribeCcns.json', 'CcnSet', 'CCN');
    check('DescribeCcnAttachedInstances.json', 'InstanceSet', 'CcnAttachedInstance');
    check(
      'DescribeCcnRegionBandwidthLimits.ccn-gf5c0rq2.json',
      'CcnRegionBandwidthLimitSet',
      'CcnRegionBandwidthLimit',
    );
    // The import reads these answer fields: each is in the SDK's models.
    expect(
      [
        'DescribeCcnsResponse',
        'DescribeCcnAttachedInstancesResponse',
        'DescribeCcnRegionBandwidthLimitsResponse',
      ].map((m) => [...models.get(m)!.keys()].find((k) => k.endsWith('Set'))),
    ).toEqual(['CcnSet', 'InstanceSet', 'CcnRegionBandwidthLimitSet']);
  });

  it('maps CCNs, members in attachment order with their states, and limits; says what it leaves out, once each', () => {
    const { plan, unmapped, errors } = importAll([...filesOf('tencent'), ...filesOf('tencent-ccn')]);
    expect(errors).toEqual([]);
    expect(plan.ccns.map((c) => c.id)).toEqual(['ccn-gf5c0rq2', 'ccn-2lmxq0ve']);
    const core = plan.ccns[0]!;
    expect(core).toMatchObject({
      name: 'core',
      account: '100000000001',
      qosLevel: 'AU',
      chargeType: 'postpaid',
      bandwidthLimitType: 'inter-region',
    });
    // By AttachedTime (vpc-gz1 at 09:45 before vpc-bj1 at 10:15), not answer order; DETACHING,
    // the Direct Connect gateway and the repeated page are not members.
    expect(core.attachments.map((a) => [a.vpc, a.state, a.attachedAt])).toEqual([
      ['vpc-gz1', 'active', '2026-11-02'],
      ['vpc-bj1', 'active', '2026-11-02'],
      ['vpc-old7', 'rejected', '2026-11-05'],
      ['vpc-partner9', 'pending', '2026-11-25'],
    ]);
    expect(core.bandwidthLimits).toEqual([
      { region: 'ap-guangzhou', dstRegion: 'ap-beijing', mbps: 200 },
      { region: 'ap-beijing', dstRegion: 'ap-guangzhou', mbps: 100 },
    ]);
    const dr = plan.ccns[1]!;
    expect(dr).toMatchObject({
      name: 'dr "${backup}"',
      qosLevel: 'PT',
      chargeType: 'prepaid',
      attachments: [],
      bandwidthLimits: [],
    });
    // The partner's account is known from InstanceUin; not ours.
    expect(plan.accounts.find((a) => a.id === '400000000004')).toMatchObject({ own: false });

    const ccnNotes = unmapped.filter((line) => /ccn|CCN|Ccn/.test(line));
    expect(ccnNotes).toEqual([
      'DescribeCcns.json: Response.CcnSet[1].State: CCN ccn-2lmxq0ve is ISOLATED in the cloud (isolated, e.g. for an overdue bill): imported as planned',
      'DescribeCcnAttachedInstances.json: InstanceSet[3].State: attachment of vpc-gz2 to ccn-gf5c0rq2 is DETACHING: not a member the plan holds, dropped',
      'DescribeCcnAttachedInstances.json: InstanceSet[4].InstanceType: DIRECTCONNECT dcg-7m2qk9xa attached to ccn-gf5c0rq2: only VPCs are modelled, not imported',
      'DescribeCcnRegionBandwidthLimits.ccn-gf5c0rq2.json: Response.CcnRegionBandwidthLimitSet[2].BandwidthLimit: limit of ap-shanghai: 0 Mbps is no limit the plan holds, skipped',
      "DescribeCcns.json: Response.CcnSet[0]: CCN ccn-gf5c0rq2: attached VPC vpc-old7 of account 400000000004 is not in the DescribeVpcs answers; add that account's answers to import it",
      "DescribeCcns.json: Response.CcnSet[0]: CCN ccn-gf5c0rq2: attached VPC vpc-partner9 of account 400000000004 is not in the DescribeVpcs answers; add that account's answers to import it",
    ]);
  });

  it('a limit answer without a CCN in its name is refused when several CCNs are imported, used when one', () => {
    const limits = answer('limits.json', {
      CcnRegionBandwidthLimitSet: [{ Region: 'ap-guangzhou', BandwidthLimit: 50, DstRegion: '' }],
    });
    const two = importAll([
      ...filesOf('tencent'),
      ...filesOf('tencent-ccn').filter(
        (f) => f.name !== 'DescribeCcnRegionBandwidthLimits.ccn-gf5c0rq2.json',
      ),
      limits,
    ]);
    expect(two.plan.ccns.every((c) => c.bandwidthLimits.length === 0)).toBe(true);
    expect(two.unmapped).toContain(
      'limits.json: Response.CcnRegionBandwidthLimitSet[0]: a bandwidth limit answer names no CCN: put the CCN ID in the file name (DescribeCcnRegionBandwidthLimits.ccn-xxxx.json); skipped',
    );
    const one = importAll([
      ...filesOf('tencent'),
      answer('DescribeCcns.json', {
        CcnSet: [{ CcnId: 'ccn-one', CcnName: 'one', BandwidthLimitType: 'OUTER_REGION_LIMIT' }],
      }),
      limits,
    ]);
    // One CCN: the limit is its; an outer-region limit has no destination; the owner is the VPCs' account.
    expect(one.plan.ccns).toMatchObject([
      {
        id: 'ccn-one',
        account: '100000000001',
        bandwidthLimitType: 'outer-region',
        bandwidthLimits: [{ region: 'ap-guangzhou', mbps: 50 }],
      },
    ]);
    expect(one.plan.ccns[0]!.bandwidthLimits[0]).not.toHaveProperty('dstRegion');
  });

  it('hostile cloud strings are values, never object keys', () => {
    const files = [
      ...filesOf('tencent'),
      answer('DescribeCcns.json', {
        CcnSet: [
          {
            CcnId: '__proto__',
            CcnName: 'toString',
            QosLevel: 'constructor',
            InstanceChargeType: 'toString',
            BandwidthLimitType: '__proto__',
          },
          { CcnId: 'toString', CcnName: '__proto__' },
        ],
      }),
      answer('DescribeCcnAttachedInstances.json', {
        InstanceSet: [
          {
            CcnId: '__proto__',
            InstanceType: 'VPC',
            InstanceId: 'vpc-gz1',
            InstanceRegion: 'ap-guangzhou',
            State: 'hasOwnProperty',
            CcnUin: '100000000001',
          },
          { CcnId: 'toString', InstanceType: 'constructor', InstanceId: 'x', State: 'ACTIVE' },
          {
            CcnId: 'toString',
            InstanceType: 'VPC',
            InstanceId: 'vpc-bj1',
            InstanceRegion: '__proto__',
            State: 'ACTIVE',
          },
        ],
      }),
    ];
    const { plan, unmapped } = importAll(files);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect(Object.prototype).not.toHaveProperty('vpc');
    expect(plan.ccns.map((c) => [c.id, c.name, c.qosLevel, c.chargeType, c.bandwidthLimitType])).toEqual([
      ['__proto__', 'toString', 'AU', 'postpaid', 'outer-region'],
      ['toString', '__proto__', 'AU', 'postpaid', 'outer-region'],
    ]);
    expect(plan.ccns[0]!.attachments).toEqual([]);
    expect(plan.ccns[1]!.attachments.map((a) => a.vpc)).toEqual(['vpc-bj1']);
    expect(unmapped).toEqual(
      expect.arrayContaining([
        'DescribeCcns.json: Response.CcnSet[0].QosLevel: QoS level constructor is not PT, AU or AG: the default AU is used',
        'DescribeCcns.json: Response.CcnSet[0].InstanceChargeType: charge type toString is not POSTPAID or PREPAID: default used',
        'DescribeCcns.json: Response.CcnSet[0].BandwidthLimitType: limit type __proto__ is not OUTER_REGION_LIMIT or INTER_REGION_LIMIT: default used',
        'DescribeCcnAttachedInstances.json: Response.InstanceSet[0].State: attachment of vpc-gz1 to __proto__ is hasOwnProperty: not a member the plan holds, dropped',
        'DescribeCcnAttachedInstances.json: Response.InstanceSet[1].InstanceType: constructor x attached to toString: only VPCs are modelled, not imported',
        'DescribeCcnAttachedInstances.json: Response.InstanceSet[2].InstanceRegion: region __proto__ is neither a region ID nor a known short code: not used',
      ]),
    );
  });

  it('a near miss: answers without CCN sets import no CCN and add no note', () => {
    const { file, unmapped } = importAll(filesOf('tencent'));
    expect(file.ccns).toBeUndefined();
    expect(unmapped.filter((l) => /ccn/i.test(l))).toEqual([]);
  });

  it('round trip: the CCN answers of a built plan import back to its CCNs', () => {
    const plan = ccnCorePlan();
    const vpcById = new Map(plan.vpcs.map((v) => [v.id, v]));
    const ccnAnswers = [
      answer('DescribeCcns.json', {
        CcnSet: plan.ccns.map((c) => ({
          CcnId: c.id,
          CcnName: c.name,
          QosLevel: c.qosLevel,
          InstanceChargeType: API_CCN_CHARGE_TYPE[c.chargeType],
          BandwidthLimitType: API_CCN_LIMIT_TYPE[c.bandwidthLimitType],
          State: 'AVAILABLE',
        })),
      }),
      answer('DescribeCcnAttachedInstances.json', {
        // Reversed: the import orders members by AttachedTime, not by answer order.
        InstanceSet: plan.ccns.flatMap((c) =>
          c.attachments
            .map((a) => ({
              CcnId: c.id,
              InstanceType: 'VPC',
              InstanceId: a.vpc,
              InstanceRegion: vpcById.get(a.vpc)!.region,
              InstanceUin: vpcById.get(a.vpc)!.account,
              CcnUin: c.account,
              State: a.state.toUpperCase(),
              AttachedTime: `${a.attachedAt} 10:00:00`,
            }))
            .reverse(),
        ),
      }),
    ];
    const { plan: imported, errors } = importAll([...describeAnswersOf(plan), ...ccnAnswers]);
    expect(errors).toEqual([]);
    expect(imported.ccns.map(({ expectedP95: _p95, ...rest }) => rest)).toEqual(
      plan.ccns.map(({ expectedP95: _p95, ...rest }) => rest),
    );
  });
});
