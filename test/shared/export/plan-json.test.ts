import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPlanJson } from '../../../shared/export/plan-json';
import { EXAMPLES_DIR, PARTNER_PLAN, planFromObject, planFromText } from './plans';

describe('plan JSON export', () => {
  for (const name of ['quickstart', 'shanghai-hub', 'multi-region']) {
    it(`${name}: writes every default and parses back to the same plan`, () => {
      const plan = planFromText(readFileSync(`${EXAMPLES_DIR}${name}.json`, 'utf8'));
      const text = exportPlanJson(plan);
      expect(text.endsWith('\n')).toBe(true);
      expect(text).toContain('\n  "settings": {\n    "freeBandwidthMbps": 0,');
      expect(planFromText(text)).toEqual(plan);
      expect(exportPlanJson(planFromText(text))).toBe(text);
    });
  }

  it('keeps the format order of keys whatever order the input had', () => {
    const plan = planFromObject(PARTNER_PLAN);
    const file = JSON.parse(exportPlanJson(plan));
    expect(Object.keys(file)).toEqual([
      'format',
      'name',
      'asOf',
      'settings',
      'accounts',
      'vpcs',
      'peerings',
      'traffic',
      'prices',
    ]);
    expect(Object.keys(file.vpcs[0])).toEqual([
      'id',
      'name',
      'account',
      'region',
      'cidr',
      'secondaryCidrs',
      'peeringQuota',
      'routeTables',
      'subnets',
    ]);
    expect(file.peerings[0]).toEqual({
      id: 'pcx-partner',
      name: 'to-partner',
      requester: 'vpc-gz',
      accepter: 'vpc-partner',
      state: 'pending',
      requestedAt: '2026-11-25',
      bandwidthMbps: 50,
      bandwidthQuotaMbps: 1000,
      chargeType: 'monthly-p95',
    });
    expect(file.vpcs[0].subnets[0]).toEqual({
      id: 'sn-gz-app',
      name: 'app',
      cidr: '10.0.1.0/24',
      zone: 'ap-guangzhou-3',
      routeTable: 'rtb-gz-main',
    });
  });
});
