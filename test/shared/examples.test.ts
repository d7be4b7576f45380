/**
 * The example plans ship in shared/examples: the start screen offers each of them, and every file
 * there is offered (a new example cannot be forgotten). The multi-region example is checked
 * against what its design says: three cross-region peerings from Shanghai, one of them to a region
 * outside mainland China (so its price is on request), and no error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examplePlans } from '../../shared/examples';
import { parsePlanText } from '../../shared/plan/parse';
import { validatePlan } from '../../shared/rules/validate';

const DIR = new URL('../../shared/examples/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('the example plans', () => {
  it('offers every example file, each as it is on disk', () => {
    expect(
      examplePlans()
        .map((example) => `${example.id}.json`)
        .sort(),
    ).toEqual(FILES);
    for (const example of examplePlans()) {
      expect(example.plan).toEqual(JSON.parse(readFileSync(new URL(`${example.id}.json`, DIR), 'utf8')));
    }
  });

  it('includes the quick start, the Shanghai hub and a multi-region plan', () => {
    expect(examplePlans().map((example) => example.label)).toEqual([
      'quick-start example',
      'Shanghai hub example',
      'multi-region example',
      'CCN example',
    ]);
  });

  it('CCN: three regions on one CCN, a pending member of another account, a legacy peering; no error or warning', () => {
    const parsed = parsePlanText(readFileSync(new URL('ccn.json', DIR), 'utf8'), { today: '2026-11-26' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [ccn] = parsed.plan.ccns;
    expect(parsed.plan.ccns).toHaveLength(1);
    expect(ccn!.attachments.map((a) => `${a.vpc}:${a.state}`)).toEqual([
      'vpc-sh-core:active',
      'vpc-gz-web:active',
      'vpc-bj-app:active',
      'vpc-sh-data:pending',
    ]);
    const regions = new Set(
      ccn!.attachments.map((a) => parsed.plan.vpcs.find((vpc) => vpc.id === a.vpc)!.region),
    );
    expect([...regions].sort()).toEqual(['ap-beijing', 'ap-guangzhou', 'ap-shanghai']);
    const findings = validatePlan(parsed.plan);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.code)).toContain('PEERING_CROSS_REGION_LEGACY');
  });

  it('multi-region: mainland regions and one outside, no error, the Hong Kong price on request', () => {
    const parsed = parsePlanText(readFileSync(new URL('multi-region.json', DIR), 'utf8'), {
      today: '2026-11-26',
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const regions = new Set(parsed.plan.vpcs.map((vpc) => vpc.region));
    expect([...regions].sort()).toEqual(['ap-beijing', 'ap-guangzhou', 'ap-hongkong', 'ap-shanghai']);
    const findings = validatePlan(parsed.plan);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => `${f.code} ${f.subjects.join(',')}`).sort()).toEqual([
      'PEERING_CROSS_REGION_LEGACY pcx-sh-bj',
      'PEERING_CROSS_REGION_LEGACY pcx-sh-gz',
      'PEERING_CROSS_REGION_LEGACY pcx-sh-hk',
      'PRICE_ON_REQUEST pcx-sh-hk',
    ]);
  });
});
