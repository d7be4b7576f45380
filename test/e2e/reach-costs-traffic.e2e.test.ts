/**
 * The Reachability, Costs and Traffic tabs of the analysis panel in the browser build, on the
 * seed's quick start (Guangzhou → Beijing, 30 Mbps peak: the seed's billing example, 30 × 12 =
 * 360 CNY a day paid by the requester's account) and on small plans made for one question each.
 * Expected figures come from rules.md and the seed, not from the code under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { examplePath, importPlan, ROOT, screenshot, useSession } from './harness';

interface PlanJson {
  name: string;
  traffic: unknown[];
  vpcs: { id: string; routeTables: { id: string; routes: unknown[] }[] }[];
  [key: string]: unknown;
}

function quickStart(): PlanJson {
  return JSON.parse(readFileSync(examplePath('quickstart.json'), 'utf8')) as PlanJson;
}

/** Three VPCs: a hub peered with app and with db (routes both ways); app and db not peered. */
function hubPlan(): object {
  const vpc = (id: string, cidr: string, subnet: string, subnetCidr: string, routes: [string, string][]) => ({
    id,
    name: id,
    account: '100000000001',
    region: 'ap-guangzhou',
    cidr,
    routeTables: [
      {
        id: `rtb-${id}`,
        name: 'default',
        default: true,
        routes: routes.map(([destination, peering]) => ({
          destination,
          nextHop: { type: 'peering', id: peering },
        })),
      },
    ],
    subnets: [{ id: subnet, name: subnet, cidr: subnetCidr, zone: 'ap-guangzhou-3' }],
  });
  return {
    format: 'peerplan/1',
    name: 'What-if hub',
    asOf: '2026-11-26',
    accounts: [{ id: '100000000001', name: 'Platform', own: true }],
    vpcs: [
      vpc('hub', '10.0.0.0/16', 'sn-hub', '10.0.1.0/24', [
        ['10.1.0.0/16', 'pcx-app'],
        ['10.2.0.0/16', 'pcx-db'],
      ]),
      vpc('app', '10.1.0.0/16', 'sn-app', '10.1.1.0/24', [['10.0.0.0/16', 'pcx-app']]),
      vpc('db', '10.2.0.0/16', 'sn-db', '10.2.1.0/24', [['10.0.0.0/16', 'pcx-db']]),
    ],
    peerings: [
      { id: 'pcx-app', name: 'hub-app', requester: 'hub', accepter: 'app', state: 'active' },
      { id: 'pcx-db', name: 'hub-db', requester: 'hub', accepter: 'db', state: 'active' },
    ],
    traffic: [],
  };
}

async function openTab(page: Page, name: 'Reachability' | 'Costs' | 'Traffic'): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect
    .poll(() => page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected'))
    .toBe('true');
}

const cell = (page: Page, from: string, to: string) =>
  page.getByRole('gridcell').getByRole('button', { name: new RegExp(`^${from} to ${to}: `) });

const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });

/**
 * Gives the Traffic tab's file input a CSV of `count` samples generated in the page (sending
 * tens of megabytes through the driver would take longer than reading them).
 */
async function chooseGeneratedCsv(page: Page, name: string, count: number): Promise<void> {
  await page.evaluate(
    ({ name, count }) => {
      const start = Date.parse('2026-11-01T00:00:00+08:00');
      const parts: string[] = ['peering,at,inMbps,outMbps\n'];
      for (let i = 0; i < count; i++)
        parts.push(`pcx-gzbj,${new Date(start + i * 3000).toISOString()},${i % 50},${(i * 7) % 60}\n`);
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Traffic CSV file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File(parts, name, { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, count },
  );
}

for (const theme of ['light', 'dark'] as const) {
  describe(`Reachability, Costs and Traffic (${theme} theme)`, () => {
    let page: Page;
    useSession({ colorScheme: theme, onOpen: (s) => (page = s.page) });

    it("the seed's billing example: Add missing routes, then reachable both ways, 360 CNY on 2026-11-25 paid by the requester's account, 240 with 10 Mbps free", async () => {
      await importPlan(
        page,
        join(ROOT, 'test', 'fixtures', 'plans', 'billing-no-routes.json'),
        'Billing example',
      );
      await openTab(page, 'Reachability');
      await expect
        .poll(() => cell(page, 'sh-web', 'gz-db').getAttribute('aria-label'))
        .toMatch(/: unreachable$/);
      await page.getByRole('tab', { name: 'Routes', exact: true }).click();
      await page.getByRole('button', { name: 'Add missing routes', exact: true }).click();
      await openTab(page, 'Reachability');
      await expect
        .poll(() => cell(page, 'sh-web', 'gz-db').getAttribute('aria-label'))
        .toMatch(/reachable both ways$/);
      await expect
        .poll(() => cell(page, 'gz-db', 'sh-web').getAttribute('aria-label'))
        .toMatch(/reachable both ways$/);
      await openTab(page, 'Costs');
      // The day shown at first is the latest measured one: the example's 2026-11-25.
      await expect.poll(() => page.getByLabel('Day', { exact: true }).inputValue()).toBe('2026-11-25');
      const row = page
        .getByRole('region', { name: 'Cost per peering' })
        .getByRole('row')
        .filter({ hasText: 'pcx-sh-gz' });
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('360 CNY');
      await expect.poll(() => row.textContent()).toContain('Shanghai team (100000000011)');
      const payers = page.getByRole('region', { name: 'Cost per paying account' });
      await expect
        .poll(() => payers.getByRole('row').nth(1).textContent())
        .toMatch(/^Shanghai team \(100000000011\)\s*360 CNY/);
      await page.getByLabel('Free bandwidth (Mbps)').fill('10');
      await page.getByLabel('Free bandwidth (Mbps)').press('Enter');
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('240 CNY');
    });

    it('the quick start: reachable both ways, 360 CNY on 2026-11-25 paid by the requester, 240 with 10 Mbps free', async () => {
      await importPlan(page, quickStart(), 'quickstart');
      await openTab(page, 'Reachability');
      await expect
        .poll(() => cell(page, 'Subnet A', 'Subnet B').getAttribute('aria-label'))
        .toMatch(/reachable both ways/);
      await expect
        .poll(() => cell(page, 'Subnet B', 'Subnet A').getAttribute('aria-label'))
        .toMatch(/reachable both ways/);
      await cell(page, 'Subnet A', 'Subnet B').click();
      const explanation = page.getByRole('region', { name: 'Explanation of the selected pair' });
      await expect
        .poll(() => explanation.textContent())
        .toContain('reaches Subnet B (10.0.1.0/24) in VPC2 through PeerConn');
      // The pair's path is selected on the canvas: the inspector shows the peering.
      await expect
        .poll(() => page.getByRole('heading', { name: /^Peering/ }).textContent())
        .toContain('pcx-gzbj');
      await screenshot(page, `reach-quickstart-${theme}`);

      await openTab(page, 'Costs');
      await page.getByLabel('Day', { exact: true }).selectOption('2026-11-25');
      const peerings = page.getByRole('region', { name: 'Cost per peering' });
      const row = peerings.getByRole('row').filter({ hasText: 'pcx-gzbj' });
      await expect.poll(() => row.textContent()).toContain('Platform (100000000001)');
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('360 CNY');
      await expect.poll(() => row.textContent()).toContain('(20, 100] Mbps at 12 CNY/Mbps');
      const payers = page.getByRole('region', { name: 'Cost per paying account' });
      await expect
        .poll(() => payers.getByRole('row').nth(1).textContent())
        .toMatch(/Platform \(100000000001\)\s*360 CNY\s*10,800 CNY/);
      // The peering inspector shows its own figures.
      const inspectorCost = page.getByRole('region', { name: 'Cost of this peering' });
      await expect.poll(() => inspectorCost.textContent()).toContain('Platform (100000000001)');
      await expect.poll(() => inspectorCost.textContent()).toContain('10,800 CNY');
      await screenshot(page, `costs-quickstart-${theme}`);

      await page.getByLabel('Free bandwidth (Mbps)').fill('10');
      await page.getByLabel('Free bandwidth (Mbps)').press('Enter');
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('240 CNY');
      await expect.poll(() => undoButton(page).isEnabled()).toBe(true);
      await undoButton(page).click();
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('360 CNY');
      await expect.poll(() => page.getByLabel('Free bandwidth (Mbps)').inputValue()).toBe('0');

      // A malformed time zone is refused next to the field; the plan keeps +08:00.
      await page.getByLabel('Billing time zone').fill('+8');
      await page.getByLabel('Billing time zone').press('Enter');
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('not an offset ±HH:MM');
    });

    it('a missing return route is explained with names and Apply fix adds it (one undoable step)', async () => {
      const plan = quickStart();
      plan.name = 'No return route';
      plan.vpcs[1]!.routeTables[0]!.routes = [];
      await importPlan(page, plan, 'no-return');
      await openTab(page, 'Reachability');
      await expect
        .poll(() => cell(page, 'Subnet A', 'Subnet B').getAttribute('aria-label'))
        .toMatch(/no return route/);
      await expect
        .poll(() => cell(page, 'Subnet B', 'Subnet A').getAttribute('aria-label'))
        .toMatch(/unreachable/);
      await cell(page, 'Subnet A', 'Subnet B').click();
      const explanation = page.getByRole('region', { name: 'Explanation of the selected pair' });
      await expect
        .poll(() => explanation.textContent())
        .toContain('VPC2 has no route back to 192.168.1.0/24 through PeerConn.');
      await expect
        .poll(() => explanation.textContent())
        .toContain('192.168.1.0/24 looked up in default (rtb-bj02)');
      await expect
        .poll(() => explanation.textContent())
        .toContain('Adds 1 route: default (rtb-bj02) 192.168.0.0/16 → PeerConn (pcx-gzbj)');
      await screenshot(page, `reach-no-return-${theme}`);
      await explanation.getByRole('button', { name: 'Apply fix' }).click();
      await expect
        .poll(() => cell(page, 'Subnet A', 'Subnet B').getAttribute('aria-label'))
        .toMatch(/reachable both ways/);
      await expect
        .poll(() => cell(page, 'Subnet B', 'Subnet A').getAttribute('aria-label'))
        .toMatch(/reachable both ways/);
      await undoButton(page).click();
      await expect
        .poll(() => cell(page, 'Subnet A', 'Subnet B').getAttribute('aria-label'))
        .toMatch(/no return route/);
    });

    it('a what-if switch changes exactly the pairs of that peering and leaves the plan unchanged', async () => {
      await importPlan(page, hubPlan(), 'hub');
      await openTab(page, 'Reachability');
      await expect
        .poll(() => cell(page, 'sn-hub', 'sn-app').getAttribute('aria-label'))
        .toMatch(/reachable both ways/);
      await expect.poll(() => undoButton(page).isEnabled()).toBe(false);
      await page.getByLabel('Peering to switch').selectOption('pcx-app');
      await page.getByRole('button', { name: 'Switch off' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'What-if' }).textContent())
        .toContain('2 pairs change');
      for (const [from, to] of [
        ['sn-hub', 'sn-app'],
        ['sn-app', 'sn-hub'],
      ])
        await expect
          .poll(() => cell(page, from!, to!).getAttribute('aria-label'))
          .toMatch(/unreachable \(changed by what-if\)$/);
      for (const [from, to] of [
        ['sn-hub', 'sn-db'],
        ['sn-db', 'sn-hub'],
      ])
        await expect
          .poll(() => cell(page, from!, to!).getAttribute('aria-label'))
          .toMatch(/reachable both ways$/);
      await expect
        .poll(() => cell(page, 'sn-app', 'sn-db').getAttribute('aria-label'))
        .toMatch(/unreachable \(not peered\)$/);
      await screenshot(page, `reach-what-if-${theme}`);
      // Not an edit: nothing to undo, the peering is still active in the plan.
      await expect.poll(() => undoButton(page).isEnabled()).toBe(false);
      await page.getByRole('button', { name: 'Clear what-if' }).click();
      await expect
        .poll(() => cell(page, 'sn-hub', 'sn-app').getAttribute('aria-label'))
        .toMatch(/reachable both ways$/);
    });

    it('traffic: a bad line is named and nothing is imported; cancel keeps the plan; a good file charts', async () => {
      await importPlan(page, quickStart(), 'quickstart-traffic');
      await openTab(page, 'Traffic');
      const count = page.getByText(/samples in the plan$/);
      await expect.poll(() => count.textContent()).toBe('0 samples in the plan');
      const csvInput = page.getByLabel('Traffic CSV file');

      const bad = [
        'peering,at,inMbps,outMbps',
        'pcx-gzbj,2026-11-25T10:00:00+08:00,20,30',
        'pcx-gzbj,2026-11-25T10:05:00+08:00,twenty,30',
      ].join('\n');
      await csvInput.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await expect
        .poll(async () => (await page.getByRole('alert').textContent())?.replace(/\s+/g, ' ').trim())
        .toBe('bad.csv, line 3: inMbps: "twenty" is not a number ≥ 0. Nothing was imported.');
      await expect.poll(() => count.textContent()).toBe('0 samples in the plan');
      await expect.poll(() => undoButton(page).isEnabled()).toBe(false);

      // A big file, cancelled while it is read.
      await chooseGeneratedCsv(page, 'big.csv', 800_000);
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect
        .poll(() => page.getByText('Import of big.csv cancelled: nothing was imported.').count())
        .toBe(1);
      await expect.poll(() => count.textContent()).toBe('0 samples in the plan');
      await expect.poll(() => undoButton(page).isEnabled()).toBe(false);

      const good = [
        'peering,at,inMbps,outMbps',
        'pcx-gzbj,2026-11-25T10:00:00+08:00,20,30',
        'pcx-gzbj,2026-11-25T10:05:00+08:00,12,8',
        'pcx-gzbj,2026-11-24T10:05:00+08:00,50,8',
      ].join('\n');
      await csvInput.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await expect.poll(() => page.getByText('Import 3 traffic samples from good.csv.').count()).toBe(1);
      await expect.poll(() => count.textContent()).toBe('3 samples in the plan');
      await expect.poll(() => page.getByText('Daily peaks, 2026-11 · highest 50 Mbps').count()).toBe(1);
      await expect
        .poll(() =>
          page
            .getByRole('figure', { name: /Daily peaks of PeerConn \(pcx-gzbj\) in 2026-11/ })
            .locator('canvas')
            .count(),
        )
        .toBe(1);
      await screenshot(page, `traffic-${theme}`);
      // The measured day prices from the samples: 30 Mbps peak → 360 CNY; 50 Mbps → 600 CNY.
      await openTab(page, 'Costs');
      await page.getByLabel('Day', { exact: true }).selectOption('2026-11-24');
      const row = page
        .getByRole('region', { name: 'Cost per peering' })
        .getByRole('row')
        .filter({ hasText: 'pcx-gzbj' });
      await expect.poll(() => row.getByRole('cell').nth(5).textContent()).toBe('600 CNY');
      // One undo takes the whole import back.
      await undoButton(page).click();
      await openTab(page, 'Traffic');
      await expect.poll(() => count.textContent()).toBe('0 samples in the plan');
    });

    it('screenshots of the three tabs at 1440×900 and 1024×700', async () => {
      // The quick start without its return route and with two days of samples: every tab has
      // something to show.
      const plan = quickStart();
      plan.name = 'Screenshots';
      plan.vpcs[1]!.routeTables[0]!.routes = [];
      plan.traffic = [
        { peering: 'pcx-gzbj', at: '2026-11-24T10:00:00+08:00', inMbps: 20, outMbps: 30 },
        { peering: 'pcx-gzbj', at: '2026-11-25T10:00:00+08:00', inMbps: 120, outMbps: 64 },
        { peering: 'pcx-gzbj', at: '2026-11-26T10:00:00+08:00', inMbps: 12, outMbps: 15 },
      ];
      await importPlan(page, plan, 'screenshots');
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const tab of ['Reachability', 'Costs', 'Traffic'] as const) {
          await openTab(page, tab);
          if (tab === 'Reachability') await cell(page, 'Subnet A', 'Subnet B').click();
          if (tab === 'Costs' && width === 1440)
            await page.getByRole('button', { name: 'Price catalog…' }).click();
          await page.waitForTimeout(300);
          await screenshot(page, `tab-${tab.toLowerCase()}-${width}x${height}-${theme}`);
          if (tab === 'Costs' && width === 1440)
            await page.getByRole('button', { name: 'Price catalog…' }).click();
        }
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  });
}
