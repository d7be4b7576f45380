/**
 * The Reachability tab of the browser build on ccn-core.json (a CCN of four VPCs, no peering,
 * no route): the members' pairs are in the matrix through the CCN, and the explanation of a
 * pair names the CCN routes and the conflict that makes bj's route invalid. Expectations come
 * from spec/ccn.md and the fixture (bj's 10.1.128.0/17 is inside gz's 10.1.0.0/16, attached
 * earlier), not from the code under test.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importPlan, ROOT, screenshot, useSession } from './harness';

const cell = (page: Page, from: string, to: string) =>
  page.getByRole('gridcell').getByRole('button', { name: new RegExp(`^${from} to ${to}: `) });

describe('Reachability through a CCN', () => {
  let page: Page;
  useSession({ onOpen: (s) => (page = s.page) });

  it('shows the CCN members reaching each other, and why Shanghai cannot reach bj', async () => {
    await importPlan(page, join(ROOT, 'test', 'fixtures', 'plans', 'ccn-core.json'), 'CCN core');
    await page.getByRole('tab', { name: 'Reachability', exact: true }).click();
    await expect
      .poll(() => cell(page, 'subnet-gz-a', 'subnet-sh-a').getAttribute('aria-label'))
      .toMatch(/reachable both ways$/);
    await expect
      .poll(() => cell(page, 'subnet-sh-a', 'subnet-bj-a').getAttribute('aria-label'))
      .toMatch(/: unreachable$/);
    await cell(page, 'subnet-sh-a', 'subnet-bj-a').click();
    const explanation = page.getByRole('region', { name: 'Explanation of the selected pair' });
    await expect.poll(() => explanation.textContent()).toContain('CCN route invalid (a conflict)');
    await expect
      .poll(() => explanation.textContent())
      .toContain('publishes 10.1.128.0/17 to core, but that route is invalid: it overlaps 10.1.0.0/16');
    await expect.poll(() => explanation.textContent()).toContain('dropped: CCN route to another VPC');
    await screenshot(page, 'reach-ccn-invalid');
    await cell(page, 'subnet-gz-a', 'subnet-sh-a').click();
    await expect.poll(() => explanation.textContent()).toContain('through the CCN core');
    await expect.poll(() => explanation.textContent()).toContain('arrives through the CCN');
    await screenshot(page, 'reach-ccn-reachable');
  });

  it('treats a pair through a CCN as connected, not as a peering to switch', async () => {
    // The legend's quiet cell: neither peered nor on a CCN (the members here are on one).
    await expect
      .poll(() => page.getByRole('list', { name: 'Legend' }).textContent())
      .toContain('not connected (neither peered nor on a CCN)');
    await cell(page, 'subnet-gz-a', 'subnet-sh-a').click();
    // The pair goes through ccn-core: the what-if (peerings only) has nothing to switch.
    await expect.poll(() => page.getByLabel('Peering to switch').inputValue()).toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Switch off' }).isDisabled()).toBe(true);
    // The path on the canvas: the hub, both attachment edges and both VPCs.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement & {
            peerplanView?: {
              cy: { $(selector: string): { map(f: (e: { id(): string }) => string): string[] } };
            };
          };
          return canvas
            .peerplanView!.cy.$(':selected')
            .map((e) => e.id())
            .sort();
        }),
      )
      .toEqual(['ccn-core', 'ccn-core@vpc-gz', 'ccn-core@vpc-sh', 'vpc-gz', 'vpc-sh']);
  });
});
