/**
 * A small screen (1024×700): the plans panel starts folded, and both side panels can be folded
 * and resized (by keyboard here), each giving the canvas the room.
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
});
