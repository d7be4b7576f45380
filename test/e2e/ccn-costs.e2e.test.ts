/**
 * The Costs tab with CCNs, in the browser build (the style of reach-costs-traffic.e2e.test.ts):
 * the seed's Guangzhou–Beijing peering (60 Mbps expected, monthly P95 at 220 CNY: 13,200 CNY)
 * beside a platinum CCN of Guangzhou, Beijing and Shanghai whose Guangzhou–Beijing pair has
 * 60 Mbps on 14 days of November (spec/ccn.md: 60 × 14 / 30 × 55 = 1,540 USD; the third
 * instance 720 h × 0.05 = 36 USD), and a CCN of Hong Kong and Singapore (no list price).
 * Expected figures by hand from the spec, not from the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importPlan, ROOT, screenshot, useSession } from './harness';

function ccnPlan(): object {
  const plan = JSON.parse(
    readFileSync(join(ROOT, 'test', 'fixtures', 'plans', 'seed-gz-bj-peering.json'), 'utf8'),
  ) as { vpcs: object[]; accounts: object[] } & Record<string, unknown>;
  const vpc = (id: string, region: string, cidr: string, account = '100000000001') => ({
    id,
    name: id,
    account,
    region,
    cidr,
    subnets: [],
  });
  plan.accounts.push({ id: '200000000002', name: 'Overseas', own: true });
  plan.vpcs.push(
    vpc('vpc-sh', 'ap-shanghai', '172.16.0.0/16'),
    vpc('vpc-hk', 'ap-hongkong', '172.17.0.0/16', '200000000002'),
    vpc('vpc-sg', 'ap-singapore', '172.18.0.0/16', '200000000002'),
  );
  plan.ccns = [
    {
      id: 'ccn-main',
      name: 'Mainland',
      account: '100000000001',
      qosLevel: 'PT',
      attachments: [
        { vpc: 'vpc-gz', attachedAt: '2026-11-01' },
        { vpc: 'vpc-bj', attachedAt: '2026-11-01' },
        { vpc: 'vpc-sh', attachedAt: '2026-11-02' },
      ],
    },
    {
      id: 'ccn-intl',
      account: '200000000002',
      attachments: [{ vpc: 'vpc-hk' }, { vpc: 'vpc-sg' }],
      expectedP95: [{ regions: ['ap-hongkong', 'ap-singapore'], mbps: 30 }],
    },
  ];
  plan.traffic = Array.from({ length: 14 }, (_, i) => ({
    ccn: 'ccn-main',
    regions: ['ap-beijing', 'ap-guangzhou'],
    at: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`,
    inMbps: 60,
    outMbps: 12,
  }));
  plan.name = 'CCN costs';
  return plan;
}

describe('Costs with CCNs (USD beside CNY)', () => {
  let page: Page;
  useSession({ onOpen: (s) => (page = s.page) });

  it('shows each CCN pair in USD (1,540 USD), the instance fee, on-request pairs, and a total per currency', async () => {
    await importPlan(page, ccnPlan(), 'ccn-costs');
    await page.getByRole('tab', { name: 'Costs', exact: true }).click();
    const ccns = page.getByRole('region', { name: 'CCN costs' });
    const pair = ccns.getByRole('row').filter({ hasText: 'Guangzhou ↔ Beijing' });
    await expect.poll(() => pair.textContent()).toContain('1,540 USD');
    await expect.poll(() => pair.textContent()).toContain('(0, 100] Mbps at 55 USD/Mbps');
    expect(await pair.getByRole('cell').nth(2).textContent()).toBe('14');
    const quiet = ccns.getByRole('row').filter({ hasText: 'Guangzhou ↔ Shanghai' });
    expect(await quiet.textContent()).toMatch(/no traffic\s*0\s*\(0, 100\] Mbps at 55 USD\/Mbps\s*0 USD/);
    const fee = ccns.getByRole('row').filter({ hasText: 'Instance fee' }).first();
    // 1,540 + 36 = 1,576 USD for the CCN.
    expect(await fee.innerText()).toMatch(/1 instance beyond the free 2\s*36 USD\s*1,576 USD/);
    const overseas = ccns.getByRole('row').filter({ hasText: 'Hong Kong, China ↔ Singapore' });
    expect(await overseas.textContent()).toContain('price on request');
    const usd = page.getByRole('table', { name: 'CCN cost per paying account' });
    expect(await usd.textContent()).toMatch(/Our account \(100000000001\)\s*1,576 USD/);
    expect(await usd.textContent()).toMatch(/Overseas \(200000000002\)\s*price on request/);
    // The peering stays in CNY, in its own table.
    const payers = page.getByRole('region', { name: 'Cost per paying account' });
    expect(await payers.textContent()).toContain('13,200 CNY');
    expect(await payers.textContent()).not.toContain('USD');
    const totals = page.getByRole('region', { name: 'Total per currency' });
    expect(await totals.textContent()).toMatch(/Peerings \(CNY\)\s*13,200 CNY/);
    expect(await totals.textContent()).toMatch(/CCNs \(USD\)\s*price on request/);
    await ccns.scrollIntoViewIfNeeded();
    await screenshot(page, 'costs-ccn-light');
    await totals.scrollIntoViewIfNeeded();
    await screenshot(page, 'costs-ccn-totals-light');
  });
});
