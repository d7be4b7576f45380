/**
 * A small screen (1024×700): the plans panel starts folded, and both side panels can be folded
 * and resized (by keyboard here), each giving the canvas the room. The toolbar fits on one line,
 * every control still found by its name, with room for one more button (Add CCN).
 * Screenshots: small-screen, small-screen-toolbar (looked at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, screenshot } from './harness';
import type { Session } from './harness';

describe('a 1024×700 window', () => {
  let session: Session;
  let page: Page;
  const canvasWidth = async (): Promise<number> => (await page.getByTestId('canvas').boundingBox())!.width;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('gives the canvas the room: the plans fold, the inspector folds and resizes', async () => {
    await page.getByRole('button', { name: /Open the quick-start example/ }).click();
    await expect.poll(() => page.getByTestId('canvas').count()).toBe(1);
    // Narrow first window: the plans panel starts folded.
    expect(await page.getByRole('button', { name: 'Show plans' }).count()).toBe(1);
    const folded = await canvasWidth();
    expect(folded).toBeGreaterThan(600);
    await screenshot(page, 'small-screen');

    await page.getByRole('button', { name: 'Show plans' }).click();
    await expect.poll(canvasWidth).toBeLessThan(folded - 150);
    await page.getByRole('button', { name: 'Hide plans' }).click();
    await expect.poll(canvasWidth).toBeCloseTo(folded, 0);

    const splitter = page.getByRole('separator', { name: 'Resize inspector' });
    await splitter.focus();
    // ArrowRight moves the inspector's edge right: 16 px narrower per press.
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(canvasWidth).toBeCloseTo(folded + 32, 0);
    await page.getByRole('button', { name: 'Hide inspector' }).click();
    await expect.poll(canvasWidth).toBeGreaterThan(folded + 200);
    // Remembered after a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Show inspector' }).count()).toBe(1);
  });

  /** Each toolbar control's name and box, and the toolbar's own height. */
  const toolbarFacts = () =>
    page.getByRole('toolbar', { name: 'Editor' }).evaluate((bar) => ({
      height: bar.getBoundingClientRect().height,
      controls: Array.from(bar.querySelectorAll<HTMLElement>('button, input'))
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => {
          const box = el.getBoundingClientRect();
          return {
            name: el.getAttribute('aria-label') ?? el.textContent!.trim(),
            top: box.top,
            bottom: box.bottom,
            right: box.right,
          };
        }),
      width: bar.getBoundingClientRect().width,
    }));

  it('fits the toolbar on one line, every control found by its name, with room for one more', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const bar = page.getByRole('toolbar', { name: 'Editor' });
    for (const name of [
      'Add VPC',
      'Connect',
      'Undo',
      'Redo',
      'Auto layout',
      'Fit',
      'Save revision',
      'History',
      'Import',
      'Export',
    ])
      expect(await bar.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
    expect(await bar.getByRole('combobox', { name: 'Find in plan' }).isVisible()).toBe(true);

    const oneLine = async () => {
      const facts = await toolbarFacts();
      const button = facts.controls.find((c) => c.name === 'Fit')!;
      const rowHeight = button.bottom - button.top;
      // One row of controls: every control within the first one's row, the bar no taller than a row and its padding.
      for (const control of facts.controls) {
        expect(control.top, control.name).toBeGreaterThanOrEqual(button.top - 4);
        expect(control.bottom, control.name).toBeLessThanOrEqual(button.bottom + 4);
        expect(control.right, control.name).toBeLessThanOrEqual(facts.width);
      }
      expect(facts.height).toBeLessThan(rowHeight * 1.8);
      return facts;
    };
    await oneLine();
    await screenshot(page, 'small-screen-toolbar');

    // Room for one more button of Add CCN's width beside Connect (the toolbar grows with the app).
    await bar.getByRole('button', { name: 'Connect', exact: true }).evaluate((connect) => {
      const extra = connect.cloneNode() as HTMLButtonElement;
      extra.textContent = 'One more';
      extra.removeAttribute('aria-pressed');
      connect.after(extra);
    });
    expect((await oneLine()).controls.map((c) => c.name)).toContain('One more');
    await screenshot(page, 'small-screen-toolbar-one-more');
  });
});
