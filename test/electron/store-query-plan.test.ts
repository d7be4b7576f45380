/**
 * The peering lookup of incremental saves reads one index entry, not every peering of the plan
 * (issue 13: a 48 MB plan saved over a small one took 82 s because SQLite scanned by ordinal).
 * Checked with SQLite's own EXPLAIN QUERY PLAN, on a library created now and on one upgraded from
 * schema version 2. The lookup still answers as before: the first peering in plan order when an
 * ID repeats, null when there is none.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/store/open-library';
import {
  PEERING_ROW_BY_ID,
  peeringRowOf,
  SqlitePlanRepository,
} from '../../electron/store/sqlite-repository';

const dir = mkdtempSync(join(tmpdir(), 'peerplan-query-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function planOf(db: Database.Database, sql: string, ...args: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map(
    (row) => row.detail,
  );
}

function expectIndexedLookup(details: string[]): void {
  // The search is on the ID (both equality columns), and no sort is left for ORDER BY ordinal.
  expect(
    details.some((detail) =>
      /SEARCH p USING (COVERING )?INDEX peerings_by_id \(plan_id=\? AND peering_id=\?\)/.test(detail),
    ),
  ).toBe(true);
  expect(details.join('\n')).not.toMatch(/TEMP B-TREE|sqlite_autoindex_peerings/);
}

describe('the peering lookup of incremental saves', () => {
  it('searches the (plan_id, peering_id, ordinal) index in a new library', () => {
    const repository = SqlitePlanRepository.open(join(dir, 'new.sqlite'));
    try {
      expectIndexedLookup(planOf(repository.database, PEERING_ROW_BY_ID, 'plan', 'pcx-1'));
      // The relinking of routes and traffic uses the same subquery.
      expectIndexedLookup(
        planOf(
          repository.database,
          `UPDATE traffic SET peering_row = ${peeringRowOf('@plan', 'traffic.peering_id')} WHERE plan_id = @plan`,
          { plan: 'plan' },
        ),
      );
    } finally {
      repository.close();
    }
  });

  it('searches it in a library upgraded from schema version 2, where the old index scanned', () => {
    const path = join(dir, 'v2.sqlite');
    const db = new Database(path);
    migrate(db, 2);
    // The regression itself: schema 2 answers the lookup by walking the plan's peerings in order.
    expect(planOf(db, PEERING_ROW_BY_ID, 'plan', 'pcx-1').join('\n')).toMatch(/sqlite_autoindex_peerings/);
    db.close();
    const repository = SqlitePlanRepository.open(path);
    try {
      expectIndexedLookup(planOf(repository.database, PEERING_ROW_BY_ID, 'plan', 'pcx-1'));
    } finally {
      repository.close();
    }
  });

  it('finds the first peering in plan order with that ID among 20,000, or null', () => {
    const repository = SqlitePlanRepository.open(join(dir, 'big.sqlite'));
    try {
      const db = repository.database;
      db.prepare(
        `INSERT INTO plans (id, name, format, as_of, free_bandwidth_mbps, billing_time_zone, created_at, updated_at)
         VALUES ('plan', 'big', 'peerplan/1', '2026-11-26', 0, '+08:00', '', '')`,
      ).run();
      const insert = db.prepare(
        `INSERT INTO peerings (plan_id, ordinal, peering_id, name, requester, accepter, state, bandwidth_quota_mbps, charge_type)
         VALUES ('plan', ?, ?, '', 'a', 'b', 'active', 0, 'regional')`,
      );
      db.transaction(() => {
        for (let ordinal = 0; ordinal < 20_000; ordinal++) insert.run(ordinal, `pcx-${ordinal}`);
        // A repeated ID: the first in plan order wins.
        insert.run(20_000, 'pcx-7');
      })();
      const lookup = db.prepare(PEERING_ROW_BY_ID).pluck();
      const rowOf = (ordinal: number) =>
        db.prepare("SELECT row_id FROM peerings WHERE plan_id = 'plan' AND ordinal = ?").pluck().get(ordinal);
      expect(lookup.get('plan', 'pcx-19999')).toBe(rowOf(19_999));
      expect(lookup.get('plan', 'pcx-7')).toBe(rowOf(7));
      expect(lookup.get('plan', 'pcx-none')).toBeNull();
    } finally {
      repository.close();
    }
  });
});
