import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/store/open-library';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from '../../electron/store/schema';
import { SqlitePlanRepository } from '../../electron/store/sqlite-repository';
import { chainPlan } from './fixtures/library-plans';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-migrate-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A library as an older Peerplan left it: its schema at `version`, holding one plan if it can. */
function libraryAtVersion(path: string, version: number): string | null {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  let planId: string | null = null;
  if (version >= 1) {
    // Written with the version-1 tables only, as Peerplan 1 wrote it.
    planId = 'old-plan';
    db.prepare(
      `INSERT INTO plans (id, name, format, as_of, free_bandwidth_mbps, billing_time_zone, created_at, updated_at)
       VALUES ('old-plan', 'Written by schema ${version}', 'peerplan/1', '2026-11-26', 0, '+08:00', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.prepare(`INSERT INTO accounts VALUES ('old-plan', 0, '100000000001', 'Platform', 1, 1)`).run();
    const vpc = db
      .prepare(
        `INSERT INTO vpcs (plan_id, ordinal, vpc_id, name, account_id, region, cidr, peering_quota)
         VALUES ('old-plan', 0, 'vpc-old', 'Old', '100000000001', 'ap-guangzhou', '10.0.0.0/16', 10)`,
      )
      .run().lastInsertRowid;
    db.prepare(
      `INSERT INTO subnets VALUES (?, 0, 'subnet-old', 'Old subnet', '10.0.1.0/24', NULL, NULL)`,
    ).run(vpc);
  }
  db.close();
  return planId;
}

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps, the last one being the current schema', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('version 1 has no revisions or canvas positions; version 2 adds them', () => {
    const path = join(dir, 'v1.sqlite');
    libraryAtVersion(path, 1);
    const db = new Database(path, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    db.close();
    expect(tables).toContain('plans');
    expect(tables).not.toContain('revisions');
    expect(tables).not.toContain('canvas_positions');
  });

  for (let version = 0; version < SCHEMA_VERSION; version++) {
    it(`upgrades a library of schema ${version} to ${SCHEMA_VERSION}, keeping its plans`, () => {
      const path = join(dir, `v${version}.sqlite`);
      const planId = libraryAtVersion(path, version);
      const repository = SqlitePlanRepository.open(path);
      try {
        expect(repository.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(repository.database.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        if (planId) {
          const plan = repository.export(planId);
          expect(plan.name).toBe(`Written by schema ${version}`);
          expect(plan.vpcs[0]).toEqual({
            id: 'vpc-old',
            name: 'Old',
            account: '100000000001',
            region: 'ap-guangzhou',
            cidr: '10.0.0.0/16',
            secondaryCidrs: [],
            peeringQuota: 10,
            routeTables: [],
            subnets: [{ id: 'subnet-old', name: 'Old subnet', cidr: '10.0.1.0/24' }],
          });
          // What version 2 added works on the upgraded file.
          repository.savePositions(planId, { 'vpc-old': { x: 1, y: 2 } });
          const revision = repository.saveRevision(planId, 'after the upgrade');
          expect(repository.openRevision(revision.id).plan).toStrictEqual(plan);
        }
        const { id } = repository.import(chainPlan(3));
        expect(repository.export(id)).toStrictEqual(chainPlan(3));
      } finally {
        repository.close();
      }
    });
  }
});
