/**
 * Review from the app (browser build): every item of the Export dialog downloads a file whose
 * content is right and, for text, equals what `peerplan export` prints for the same plan file;
 * Print… opens the HTML report; History lists a saved revision, Compare shows the renamed plan and
 * the changed CIDR before → after with the finding the change introduced and marks the canvas,
 * Restore brings both back and Undo returns to the changed plan. Screenshots in both themes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runPeerplan } from '../electron/run-peerplan';
import { examplePath, screenshot, useSession, waitSaved } from './harness';

const QUICKSTART = examplePath('quickstart.json');
const PLAN_NAME = 'Quick start: Guangzhou to Beijing';

async function importQuickstart(page: Page): Promise<void> {
  await page.getByLabel('Plan file to import').setInputFiles(QUICKSTART);
  await expect.poll(() => page.getByRole('button', { name: new RegExp(`^${PLAN_NAME}`) }).count()).toBe(1);
  await waitSaved(page);
}

/** Clicks an item of the Export dialog and returns the downloaded file. */
async function exportItem(page: Page, name: string): Promise<{ fileName: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name, exact: true }).click(),
  ]);
  const fileName = download.suggestedFilename();
  const bytes = readFileSync(await download.path());
  // The confirmation names the file, and the dialog closes.
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: `Downloaded ${fileName}` })
        .count(),
    )
    .toBe(1);
  await expect.poll(() => dialog.count()).toBe(0);
  return { fileName, bytes };
}

for (const theme of ['light', 'dark'] as const) {
  describe(`review from the app (${theme} theme)`, { timeout: 180_000 }, () => {
    let page: Page;
    useSession({ colorScheme: theme, onOpen: (s) => (page = s.page) });

    it('imports the quick start', async () => {
      await importQuickstart(page);
    });

    if (theme === 'light') {
      it('each text export equals `peerplan export --to FORMAT` of the plan file, byte for byte', async () => {
        for (const [name, format, extension] of [
          ['Report (HTML)', 'html', '.html'],
          ['Report (Markdown)', 'md', '.md'],
          ['Terraform', 'tf', '.tf'],
          ['API call sequence', 'api', '.api.json'],
          ['Route tables (CSV)', 'csv', '.csv'],
          ['Plan file (JSON)', 'json', '.json'],
        ] as const) {
          const { fileName, bytes } = await exportItem(page, name);
          expect(fileName).toBe(`quick-start-guangzhou-to-beijing${extension}`);
          const cli = await runPeerplan(['export', QUICKSTART, '--to', format]);
          expect([name, cli.code]).toEqual([name, 0]);
          expect([name, bytes.toString('utf8') === cli.stdout]).toEqual([name, true]);
          const text = bytes.toString('utf8');
          if (format === 'html') {
            // The topology drawn, and the findings listed.
            expect(text).toContain('<svg');
            expect(text).toContain('PEERING_CROSS_REGION_LEGACY');
          }
          if (format === 'tf') {
            expect(text).toContain('resource "tencentcloud_vpc_peer_connect_manager"');
            expect(text).toContain('pcx-gzbj');
          }
        }
      });

      it('Picture (PNG) is a PNG of the canvas at 2×; Picture (SVG) parses and draws both VPCs', async () => {
        const png = await exportItem(page, 'Picture (PNG)');
        expect(png.fileName).toMatch(/\.png$/);
        expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
        const width = png.bytes.readUInt32BE(16);
        const height = png.bytes.readUInt32BE(20);
        // Two VPC nodes of 210 px side by side at least, drawn at twice the size.
        expect(width).toBeGreaterThanOrEqual(2 * 210);
        expect(height).toBeGreaterThan(100);

        const svg = await exportItem(page, 'Picture (SVG)');
        expect(svg.fileName).toMatch(/\.svg$/);
        // In a blank page of its own: the app's page forbids inline styles (its CSP), an image
        // viewer does not, and the SVG carries its styles inside.
        const viewer = await page.context().newPage();
        const parsed = await viewer.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          // Drawn on its own (as an image viewer would), the VPC boxes are white, not black.
          const shown = document.body.appendChild(document.importNode(doc.documentElement, true));
          const fill = getComputedStyle(shown.querySelector('.vpc rect')!).fill;
          shown.remove();
          return {
            fill,
            error: doc.querySelector('parsererror')?.textContent ?? null,
            root: doc.documentElement.nodeName,
            text: doc.documentElement.textContent ?? '',
          };
        }, svg.bytes.toString('utf8'));
        await viewer.close();
        expect(parsed.error).toBeNull();
        expect(parsed.root).toBe('svg');
        expect(parsed.fill).toBe('rgb(255, 255, 255)');
        expect(parsed.text).toContain('VPC1');
        expect(parsed.text).toContain('VPC2');
      });

      it('Print… (Ctrl+P) opens the HTML report for the browser to print', async () => {
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Control+p')]);
        await popup.waitForLoadState();
        await expect.poll(() => popup.title()).toContain(PLAN_NAME);
        expect(await popup.locator('svg').count()).toBeGreaterThan(0);
        // Styled under the app's CSP (no inline styles): the report's VPC boxes are white, not black.
        expect(
          await popup.evaluate(() => getComputedStyle(document.querySelector('.topology .vpc rect')!).fill),
        ).toBe('rgb(255, 255, 255)');
        await popup.close();
      });
    }

    if (theme === 'light') {
      it("compares with a reviewer's copy, from a file and from the library: the same view", async () => {
        // The reviewer added a Shanghai VPC and renamed VPC1.
        const copy = JSON.parse(readFileSync(QUICKSTART, 'utf8')) as {
          name: string;
          vpcs: {
            id: string;
            name: string;
            region: string;
            cidr: string;
            subnets: unknown[];
            routeTables: unknown[];
          }[];
        };
        copy.name = 'Reviewer copy';
        copy.vpcs[0]!.name = 'VPC1 (web)';
        copy.vpcs.push({
          ...copy.vpcs[1]!,
          id: 'vpc-sh03',
          name: 'VPC3',
          region: 'ap-shanghai',
          cidr: '10.9.0.0/16',
          subnets: [],
          routeTables: [],
        });
        const file = {
          name: 'reviewer.peerplan.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(copy)),
        };

        await page.getByRole('button', { name: 'History', exact: true }).click();
        const history = page.getByRole('dialog', { name: /^History of / });
        await history.getByLabel('Plan file to compare with').setInputFiles(file);
        const compare = page.getByRole('complementary', { name: 'Comparison' });
        await compare.waitFor();
        expect(await compare.textContent()).toContain('From the open plan to reviewer.peerplan.json');
        const objects = compare.getByRole('region', { name: 'Object changes' });
        await expect.poll(() => objects.textContent()).toMatch(/name\s*VPC1\s*→\s*VPC1 \(web\)/);
        const marks = page.getByTestId('canvas-compare-marks');
        // On the canvas: VPC1 changed; VPC3, which only the copy has, drawn as a ghost.
        await expect.poll(() => marks.textContent()).toContain('changed: vpc-gz01');
        expect(await marks.textContent()).toContain('added (not in the open plan): vpc-sh03');
        await page.waitForTimeout(300);
        await screenshot(page, '34-compare-reviewer-file');
        const fromFile = (await objects.textContent()) ?? '';
        await compare.getByRole('button', { name: 'Close comparison' }).click();

        // The same copy kept in the library: imported (which opens it), then the quick start again.
        await page.getByLabel('Plan file to import').setInputFiles(file);
        await expect.poll(() => page.getByRole('button', { name: /^Reviewer copy/ }).count()).toBe(1);
        await page.getByRole('button', { name: new RegExp(`^${PLAN_NAME}`) }).click();
        await expect.poll(() => page.getByLabel('Plan name').inputValue()).toBe(PLAN_NAME);
        await page.getByRole('button', { name: 'History', exact: true }).click();
        await history.getByLabel('Library plan to compare with').selectOption({ label: 'Reviewer copy' });
        await history.getByRole('button', { name: 'Compare with library plan' }).click();
        await expect.poll(() => compare.textContent()).toContain('to library plan “Reviewer copy”');
        await expect.poll(() => objects.textContent()).toBe(fromFile);
        await compare.getByRole('button', { name: 'Close comparison' }).click();
      });
    }

    it('the Export dialog (Ctrl+E) lists every export', async () => {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.waitFor();
      for (const name of [
        'Report (HTML)',
        'Report (Markdown)',
        'Terraform',
        'API call sequence',
        'Route tables (CSV)',
        'Plan file (JSON)',
        'Picture (PNG)',
        'Picture (SVG)',
        'Print…',
      ])
        expect([name, await dialog.getByRole('button', { name, exact: true }).count()]).toEqual([name, 1]);
      await screenshot(page, `30-export-dialog-${theme}`);
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    it('History lists a saved revision; Compare shows the rename, the CIDR and the finding introduced', async () => {
      const message = `Reviewed by Ana (${theme})`;
      await page.getByRole('button', { name: 'Save revision', exact: true }).click();
      const save = page.getByRole('dialog', { name: 'Save revision' });
      await save.getByLabel('Message').fill(message);
      await save.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByText(`Revision saved: ${message}`).count()).toBe(1);

      // Rename the plan (the plan inspector, nothing selected) and move VPC2 onto VPC1's block.
      await page.keyboard.press('Escape');
      const planName = page.getByLabel('Plan name');
      await planName.fill('Quick start, reviewed');
      await planName.press('Enter');
      await page.getByLabel('Find in plan').fill('vpc-bj02');
      await page.getByLabel('Find in plan').press('Enter');
      const cidr = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('CIDR', { exact: true });
      await cidr.fill('192.168.0.0/16');
      await cidr.press('Enter');
      await waitSaved(page);

      await page.getByRole('button', { name: 'History', exact: true }).click();
      const history = page.getByRole('dialog', { name: /^History of / });
      const row = history.getByRole('listitem').filter({ hasText: message });
      await expect.poll(() => row.count()).toBe(1);
      // Its figures: the quick start as saved.
      await expect
        .poll(async () => ((await row.textContent()) ?? '').replace(/\s+/g, ' '))
        .toMatch(/2 VPCs · 1 peering · 0 errors · \d+ warnings? · [\d,.]+ CNY\/month/);
      await screenshot(page, `31-history-${theme}`);

      await row.getByRole('button', { name: 'Compare', exact: true }).click();
      const compare = page.getByRole('complementary', { name: 'Comparison' });
      await compare.waitFor();
      const objects = compare.getByRole('region', { name: 'Object changes' });
      await expect.poll(() => objects.textContent()).toContain(PLAN_NAME);
      const text = (await objects.textContent()) ?? '';
      expect(text).toMatch(/name\s*Quick start: Guangzhou to Beijing\s*→\s*Quick start, reviewed/);
      expect(text).toMatch(/cidr\s*10\.0\.0\.0\/16\s*→\s*192\.168\.0\.0\/16/);
      const introduced = compare.getByRole('region', { name: 'Findings introduced' });
      expect(await introduced.textContent()).toContain('PEERING_CIDR_OVERLAP');
      // VPC2 is marked changed on the canvas.
      await expect
        .poll(() => page.getByTestId('canvas-compare-marks').textContent())
        .toContain('changed: vpc-bj02');
      // Clicking the change selects the VPC (its inspector opens once the comparison closes).
      await objects.getByRole('button', { name: /vpc-bj02/ }).click();
      await page.waitForTimeout(400);
      await screenshot(page, `32-compare-${theme}`);
      await compare.getByRole('button', { name: 'Close comparison' }).click();
      await expect
        .poll(() =>
          page
            .getByRole('complementary', { name: 'Inspector' })
            .getByLabel('CIDR', { exact: true })
            .inputValue(),
        )
        .toBe('192.168.0.0/16');
    });

    it('Open shows the revision read-only with its own findings', async () => {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const history = page.getByRole('dialog', { name: /^History of / });
      const row = history.getByRole('listitem').filter({ hasText: `Reviewed by Ana (${theme})` });
      await row.getByRole('button', { name: 'Open', exact: true }).click();
      const view = page.getByRole('dialog', { name: /\(read-only\)$/ });
      await view.waitFor();
      expect(await view.getByRole('note').textContent()).toContain('Read-only');
      // The revision has no overlap: its findings are its own, not the open plan's.
      const findings =
        (await view.getByRole('list', { name: 'Findings of the revision' }).textContent()) ?? '';
      expect(findings).toContain('PEERING_CROSS_REGION_LEGACY');
      expect(findings).not.toContain('PEERING_CIDR_OVERLAP');
      await screenshot(page, `33-revision-open-${theme}`);
      await view.getByRole('button', { name: 'Close', exact: true }).click();
      await history.getByRole('button', { name: 'Close', exact: true }).click();
    });

    it('Restore asks first, brings the name and the CIDR back, is a revision, and Undo returns', async () => {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const history = page.getByRole('dialog', { name: /^History of / });
      const row = history.getByRole('listitem').filter({ hasText: `Reviewed by Ana (${theme})` });
      await row.getByRole('button', { name: 'Restore', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: 'Restore this revision?' });
      await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /^Restored “Reviewed by Ana/ })
            .count(),
        )
        .toBe(1);
      // Recorded: the plan before the restore and the restore itself are revisions now.
      await expect
        .poll(() => history.getByRole('listitem').filter({ hasText: 'Restored “Reviewed by Ana' }).count())
        .toBe(1);
      await expect
        .poll(() =>
          history.getByRole('listitem').filter({ hasText: 'Before restoring “Reviewed by Ana' }).count(),
        )
        .toBe(1);
      await history.getByRole('button', { name: 'Close', exact: true }).click();

      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByLabel('Plan name').inputValue()).toBe(PLAN_NAME);
      await page.getByLabel('Find in plan').fill('vpc-bj02');
      await page.getByLabel('Find in plan').press('Enter');
      const cidr = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('CIDR', { exact: true });
      await expect.poll(() => cidr.inputValue()).toBe('10.0.0.0/16');

      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => cidr.inputValue()).toBe('192.168.0.0/16');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByLabel('Plan name').inputValue()).toBe('Quick start, reviewed');
      await waitSaved(page);
    });
  });
}
