/**
 * The page runs under the strict policy without tripping it: no inline style or script, nothing
 * from elsewhere. Chromium reports every violation as a `securitypolicyviolation` event (recorded
 * by the harness from before the page's first script) and on the console; the test drives the
 * main views (start screen, a plan on the canvas, a dialog, the bottom panel, the other theme)
 * and expects neither. The <meta> fallback in index.html carries the same policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STRICT_POLICY, parsePolicy } from '../electron/strict-csp';
import { cspViolations, openSession, screenshot } from './harness';
import type { Session } from './harness';

describe('the content security policy in Chromium', () => {
  let session: Session;
  let page: Page;
  const consoleReports: string[] = [];

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleReports.push(message.text());
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is sent as a header and, the same, as a <meta> fallback', async () => {
    const response = await page.reload();
    expect(parsePolicy(response!.headers()['content-security-policy'])).toEqual(STRICT_POLICY);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    // A <meta> policy cannot carry frame-ancestors (the header and X-Frame-Options do).
    const { 'frame-ancestors': _onlyInHeaders, ...rest } = STRICT_POLICY;
    expect(parsePolicy(meta)).toEqual(rest);
  });

  it('asks for no file the app does not have: the icon is served, nothing answers 404', async () => {
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.reload();
    await page.waitForLoadState('networkidle');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('./favicon.png');
    const served = await page.evaluate(async (href) => {
      const response = await fetch(new URL(href, document.baseURI));
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        magic: [...bytes.slice(1, 4)],
      };
    }, icon!);
    expect(served.status).toBe(200);
    expect(served.type).toMatch(/^image\/png/);
    expect(String.fromCharCode(...served.magic)).toBe('PNG');
    expect(missing).toEqual([]);
  });

  it('is never violated while the app draws a plan, opens a dialog, the panel and the other theme', async () => {
    await page.getByRole('button', { name: /Open the quick-start example/ }).click();
    await expect
      .poll(() => page.getByTestId('canvas').locator('canvas').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Add VPC', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Add VPC' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Add VPC' }).count()).toBe(0);
    for (const tab of await page.getByRole('tab').all()) await tab.click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('Control+Shift+T');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'csp-strict-policy-dark');
    expect(await cspViolations(page)).toEqual([]);
    expect(consoleReports).toEqual([]);
  });
});
