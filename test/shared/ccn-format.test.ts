/**
 * The plan format's CCN additions (spec/ccn.md): defaults, the either-or traffic sample, the
 * normalised file written back, and the library keeping CCNs, CCN traffic and CCN prices.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { exportPlanJson } from '../../shared/export/plan-json';
import { parsePlanText } from '../../shared/plan/parse';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');
const parse = (text: string) => parsePlanText(text, { today: '2026-11-29' });

function withCcnParts(): string {
  const file = JSON.parse(fixture('ccn-core.json')) as Record<string, unknown>;
  file.traffic = [
    {
      ccn: 'ccn-core',
      regions: ['ap-guangzhou', 'ap-shanghai'],
      at: '2026-11-20T10:00:00+08:00',
      inMbps: 50,
      outMbps: 40,
    },
  ];
  file.prices = {
    currency: 'CNY',
    mainlandRegions: ['ap-guangzhou'],
    mainland: { dailyPeak: [{ upToMbps: null, price: 12 }], monthlyP95: [{ upToMbps: null, price: 100 }] },
    ccn: {
      currency: 'USD',
      pairs: [
        {
          regions: ['ap-hongkong', 'ap-guangzhou'],
          qosLevel: 'PT',
          monthly: [{ upToMbps: null, price: 80 }],
        },
      ],
      instanceHourMainland: 0,
    },
  };
  return JSON.stringify(file);
}

describe('CCNs in a plan file', () => {
  it('fill in the defaults of spec/ccn.md', () => {
    const parsed = parse(fixture('ccn-core.json'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [ccn] = parsed.plan.ccns;
    expect(ccn).toMatchObject({ qosLevel: 'AU', chargeType: 'postpaid', bandwidthLimitType: 'outer-region' });
    // Same account as the CCN: active; another account's VPC waits for the owner to accept.
    expect(ccn!.attachments.map((a) => [a.vpc, a.state, a.publish])).toEqual([
      ['vpc-gz', 'active', 'vpc'],
      ['vpc-sh', 'active', 'vpc'],
      ['vpc-bj', 'active', 'vpc'],
      ['vpc-data', 'pending', 'vpc'],
    ]);
  });

  it('a plan without CCNs has none and exports no ccns field', () => {
    const parsed = parse(fixture('seed-gz-bj-peering.json'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.plan.ccns).toEqual([]);
    expect(exportPlanJson(parsed.plan)).not.toContain('"ccns"');
  });

  it('keep CCN samples apart from peering samples and write them back into traffic', () => {
    const parsed = parse(withCcnParts());
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.plan.traffic).toEqual([]);
    expect(parsed.plan.ccnTraffic).toHaveLength(1);
    const written = exportPlanJson(parsed.plan);
    const again = parse(written);
    expect(again.ok && again.plan).toEqual(parsed.plan);
    expect(again.ok && exportPlanJson(again.plan)).toBe(written);
  });

  it.each([
    [{ peering: 'pcx-1', ccn: 'ccn-core' }, 'traffic[0].ccn'],
    [{ ccn: 'ccn-core' }, 'traffic[0].regions'],
    [{}, 'traffic[0].peering'],
    [{ peering: 'pcx-1', regions: ['a', 'b'] }, 'traffic[0].regions'],
  ])('refuse a sample that is not one of the two kinds (%j)', (names, path) => {
    const file = JSON.parse(fixture('ccn-core.json')) as Record<string, unknown>;
    file.traffic = [{ ...names, at: '2026-11-20T10:00:00+08:00', inMbps: 1, outMbps: 1 }];
    const parsed = parse(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.path).toBe(path);
  });

  it.each([
    ['qosLevel', 'XX'],
    ['chargeType', 'monthly'],
    ['bandwidthLimitType', 'OUTER_REGION_LIMIT'],
  ])('refuse an unknown %s with its path', (field, value) => {
    const file = JSON.parse(fixture('ccn-core.json')) as { ccns: Record<string, unknown>[] };
    file.ccns[0]![field] = value;
    const parsed = parse(JSON.stringify(file));
    expect(!parsed.ok && parsed.error.path).toBe(`ccns[0].${field}`);
  });

  it('are kept by the library with their traffic and prices, and survive a save', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-ccn-'));
    try {
      const parsed = parse(withCcnParts());
      if (!parsed.ok) throw new Error(parsed.error.message);
      const repository = SqlitePlanRepository.open(join(dir, 'library.sqlite'));
      const stored = repository.create(parsed.plan);
      expect(repository.get(stored.id).plan).toEqual(parsed.plan);
      const [ccn] = parsed.plan.ccns;
      const edited = {
        ...parsed.plan,
        ccns: [{ ...ccn!, qosLevel: 'PT' as const, attachments: ccn!.attachments.slice(1) }],
      };
      repository.save(stored.id, edited);
      repository.close();
      const reopened = SqlitePlanRepository.open(join(dir, 'library.sqlite'));
      expect(reopened.get(stored.id).plan).toEqual(edited);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
