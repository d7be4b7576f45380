/**
 * The Reachability tab of the browser build on ccn-core.json (a CCN of four VPCs, no peering,
 * no route): the members' pairs are in the matrix through the CCN, and the explanation of a
 * pair names the CCN routes and the conflict that makes bj's route invalid. Expectations come
 * from spec/ccn.md and the fixture (bj's 10.1.128.0/17 is inside gz's 10.1.0.0/16, attached
 * earlier), not from the code under test.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, ROOT, screenshot } from './harness';
import type { Session } from './harness';

const cell = (page: Page, from: string, to: string) =>
  page.getByRole('gridcell').getByRole('button', { name: new RegExp(`^${from} to ${to}: `) });

describe('Reachability through a CCN', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.getByRole('heading', { name: 'Welcome to Peerplan' }).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the CCN members reaching each other, and why Shanghai cannot reach bj', async () => {
    await page
      .getByLabel('Plan file to import')
      .setInputFiles(join(ROOT, 'test', 'fixtures', 'plans', 'ccn-core.json'));
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
});
