/**
 * A plan that fails to open (issue 13, item 1): the library holds it, but its rows are damaged
 * (a traffic BLOB of the wrong length, a date that is no date). Clicking it shows why, and the app
 * keeps showing and editing the plan it had: the list still marks that plan, and typing a name
 * renames that plan, never the one that failed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { PlanBuilder } from '../shared/plan-builder';
import { openSession, screenshot } from './harness';
import type { Session } from './harness';

function planNamed(name: string) {
  const plan = new PlanBuilder()
    .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
    .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
    .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
    .sample('pcx-1', '2026-11-25T10:00:00+08:00', 30, 20)
    .sample('pcx-1', '2026-11-25T10:05:00+08:00', 20, 10)
    .build();
  return { ...plan, name };
}

function namesInLibrary(dbPath: string): Map<string, string> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return new Map(
      (db.prepare('SELECT id, name FROM plans').raw().all() as [string, string][]).map(([id, name]) => [
        id,
        name,
      ]),
    );
  } finally {
    db.close();
  }
}

const planButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });

describe('a plan that fails to open (browser build)', () => {
  let session: Session;
  let page: Page;
  let goodId: string;
  const damaged: { id: string; name: string; damage: string }[] = [];

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    const repository = SqlitePlanRepository.open(session.dbPath);
    try {
      goodId = repository.import(planNamed('Good plan')).id;
      damaged.push(
        {
          id: repository.import(planNamed('Broken traffic')).id,
          name: 'Broken traffic',
          damage: "UPDATE traffic SET samples = x'0102' WHERE plan_id = ?",
        },
        {
          id: repository.import(planNamed('Broken date')).id,
          name: 'Broken date',
          damage: "UPDATE plans SET as_of = '2026-02-31' WHERE id = ?",
        },
      );
    } finally {
      repository.close();
    }
    const db = new Database(session.dbPath);
    try {
      for (const { id, damage } of damaged) db.prepare(damage).run(id);
    } finally {
      db.close();
    }
    await page.reload();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows why, and keeps showing and editing the plan it had', async () => {
    await planButton(page, 'Good plan').click();
    await expect.poll(() => page.getByLabel('Plan name').inputValue()).toBe('Good plan');
    for (const { name } of damaged) {
      await planButton(page, name).click();
      const alert = page.getByRole('navigation', { name: 'Plans' }).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/damaged content in the table (traffic|plans)/);
      // The list still marks the plan that is shown; the failed one is not current.
      await expect.poll(() => planButton(page, 'Good plan').getAttribute('aria-current')).toBe('page');
      expect(await planButton(page, name).getAttribute('aria-current')).toBeNull();
      expect(await page.getByLabel('Plan name').inputValue()).toBe('Good plan');
    }
    await screenshot(page, '60-failed-open');

    // Typing a name renames the plan that is shown, and only that one.
    const field = page.getByLabel('Plan name');
    await field.fill('Good plan, renamed');
    await field.press('Enter');
    await expect
      .poll(() => page.getByRole('status', { name: 'Save state' }).textContent(), { timeout: 10_000 })
      .toBe('Saved');
    const names = namesInLibrary(session.dbPath);
    expect(names.get(goodId)).toBe('Good plan, renamed');
    for (const { id, name } of damaged) expect(names.get(id)).toBe(name);
  }, 60_000);
});
