/**
 * The plan library on better-sqlite3: `PlanRepository` over the normalised tables of `schema.ts`.
 * Every write is one immediate transaction (a second writer waits on busy_timeout instead of
 * failing or interleaving), statements are prepared once, and a save rewrites only what changed
 * since the last save this connection made: the header, and the VPCs, peerings, accounts, traffic
 * or prices that differ. A save after another process wrote the plan rewrites it whole.
 */
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { PlanSummary, RevisionSummary, StoredPlan } from '../../shared/ipc/contract';
import type {
  Account,
  ChargeType,
  NextHopType,
  Peering,
  PeeringState,
  Plan,
  PriceCatalog,
  Route,
  RouteTable,
  Subnet,
  Vpc,
} from '../../shared/plan/model';
import type { PLAN_FORMAT } from '../../shared/plan/model';
import type { CanvasPositions, PlanRepository } from '../../shared/store/repository';
import { emptyPositions } from '../../shared/store/repository';
import { StoreError } from '../../shared/store/repository';
import { formatJsonPath } from '../../shared/plan/parse';
import { isPlanFileShape } from '../../shared/plan/fast-shape';
import { ccnFileSchema, planFileSchema } from '../../shared/plan/schema';
import { normalizeCcn } from '../../shared/plan/normalize';
import { ccnToFile } from '../../shared/export/plan-json';
import { asPlanFile } from '../../shared/plan/as-file';
import { toStoreError } from './errors';
import type { OpenLibraryOptions } from './open-library';
import { openLibrary } from './open-library';
import { sameValue } from './same-value';
import type { TrafficRow } from './traffic-codec';
import { decodeTraffic, encodeTraffic } from './traffic-codec';

export interface RepositoryOptions extends OpenLibraryOptions {
  /** The time of saves and revisions; tests pin it. */
  readonly now?: () => Date;
}

interface PlanRow {
  id: string;
  name: string;
  format: string;
  as_of: string;
  free_bandwidth_mbps: number;
  billing_time_zone: string;
  created_at: string;
  updated_at: string;
  save_count: number;
}

interface RevisionRow {
  id: number;
  plan_id: string;
  message: string;
  created_at: string;
}

/** What this connection last saved of a plan, to find what an autosave changed. */
interface SavedState {
  readonly plan: Plan;
  readonly saveCount: number;
}

const bool = (value: boolean): number => (value ? 1 : 0);

/**
 * The row of a peering by its ID in a plan: the first in plan order when IDs repeat (a finding,
 * not a load error). Served by the `peerings_by_id (plan_id, peering_id, ordinal)` index
 * (schema version 3; test/electron/store-query-plan.test.ts reads the query plan).
 */
export function peeringRowOf(plan: string, peeringId: string): string {
  return `(SELECT p.row_id FROM peerings p WHERE p.plan_id = ${plan} AND p.peering_id = ${peeringId} ORDER BY p.ordinal LIMIT 1)`;
}
/** The same as a statement of its own: the row, or null. */
export const PEERING_ROW_BY_ID = `SELECT ${peeringRowOf('?', '?')}`;

function newPlanId(): string {
  return randomBytes(6).toString('hex');
}

function revisionSummary(row: RevisionRow): RevisionSummary {
  return { id: row.id, planId: row.plan_id, message: row.message, createdAt: row.created_at };
}

export class SqlitePlanRepository implements PlanRepository {
  readonly path: string;
  readonly readOnly: boolean;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly saved = new Map<string, SavedState>();
  private readonly statements = new Map<string, Database.Statement>();

  static open(path: string, options: RepositoryOptions = {}): SqlitePlanRepository {
    return new SqlitePlanRepository(path, options);
  }

  private constructor(path: string, options: RepositoryOptions) {
    const opened = openLibrary(path, options);
    this.path = opened.path;
    this.db = opened.db;
    this.readOnly = opened.readOnly;
    this.now = options.now ?? (() => new Date());
  }

  /** The underlying connection, for tests and the benchmark's baseline. */
  get database(): Database.Database {
    return this.db;
  }

  // ---- reading ---------------------------------------------------------------------------------

  list(): PlanSummary[] {
    return this.guard(() =>
      (
        this.sql(
          `SELECT p.id, p.name, p.updated_at AS updatedAt,
             (SELECT count(*) FROM vpcs v WHERE v.plan_id = p.id) AS vpcCount,
             (SELECT count(*) FROM peerings e WHERE e.plan_id = p.id) AS peeringCount
           FROM plans p ORDER BY p.updated_at DESC, p.id`,
        ).all() as PlanSummary[]
      ).map((row) => ({ ...row })),
    );
  }

  get(id: string): StoredPlan {
    return this.guard(() => {
      const row = this.planRow(id);
      const plan = this.loadPlan(row);
      this.saved.set(id, { plan, saveCount: row.save_count });
      return { id, plan, positions: this.loadPositions(id), updatedAt: row.updated_at };
    });
  }

  export(id: string): Plan {
    return this.guard(() => this.loadPlan(this.planRow(id)));
  }

  positions(id: string): CanvasPositions {
    return this.guard(() => {
      this.planRow(id);
      return this.loadPositions(id);
    });
  }

  revisions(planId: string): RevisionSummary[] {
    return this.guard(() => {
      this.planRow(planId);
      const rows = this.sql(
        'SELECT id, plan_id, message, created_at FROM revisions WHERE plan_id = ? ORDER BY id DESC',
      ).all(planId) as RevisionRow[];
      return rows.map(revisionSummary);
    });
  }

  openRevision(revisionId: number): { revision: RevisionSummary; plan: Plan; positions: CanvasPositions } {
    return this.guard(() => {
      const row = this.revisionRow(revisionId);
      return {
        revision: revisionSummary(row),
        plan: revisionPlan(row.snapshot),
        positions: JSON.parse(row.positions) as CanvasPositions,
      };
    });
  }

  // ---- writing ---------------------------------------------------------------------------------

  create(plan: Plan, options: { name?: string } = {}): StoredPlan {
    return this.write(() => {
      const id = newPlanId();
      const named: Plan =
        options.name !== undefined && options.name !== plan.name ? { ...plan, name: options.name } : plan;
      const time = this.timestamp();
      this.sql(
        `INSERT INTO plans (id, name, format, as_of, free_bandwidth_mbps, billing_time_zone, created_at, updated_at, save_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      ).run(
        id,
        named.name,
        named.format,
        named.asOf,
        named.settings.freeBandwidthMbps,
        named.settings.billingTimeZone,
        time,
        time,
      );
      this.insertContent(id, named);
      this.saved.set(id, { plan: named, saveCount: 1 });
      return { id, plan: named, positions: {}, updatedAt: time };
    });
  }

  import(plan: Plan, options: { name?: string } = {}): StoredPlan {
    return this.create(plan, options);
  }

  save(id: string, plan: Plan): { updatedAt: string } {
    return this.write(() => {
      const row = this.planRow(id);
      const previous = this.saved.get(id);
      const time = this.timestamp();
      this.sql(
        `UPDATE plans SET name = ?, format = ?, as_of = ?, free_bandwidth_mbps = ?, billing_time_zone = ?,
           updated_at = ?, save_count = save_count + 1 WHERE id = ?`,
      ).run(
        plan.name,
        plan.format,
        plan.asOf,
        plan.settings.freeBandwidthMbps,
        plan.settings.billingTimeZone,
        time,
        id,
      );
      if (previous && previous.saveCount === row.save_count) {
        this.saveChanges(id, previous.plan, plan);
      } else {
        this.deleteContent(id);
        this.insertContent(id, plan);
      }
      this.saved.set(id, { plan, saveCount: row.save_count + 1 });
      return { updatedAt: time };
    });
  }

  rename(id: string, name: string): PlanSummary {
    return this.write(() => {
      const row = this.planRow(id);
      const time = this.timestamp();
      this.sql('UPDATE plans SET name = ?, updated_at = ?, save_count = save_count + 1 WHERE id = ?').run(
        name,
        time,
        id,
      );
      const previous = this.saved.get(id);
      if (previous && previous.saveCount === row.save_count) {
        this.saved.set(id, { plan: { ...previous.plan, name }, saveCount: row.save_count + 1 });
      } else {
        this.saved.delete(id);
      }
      return this.summary(id);
    });
  }

  duplicate(id: string, name?: string): PlanSummary {
    return this.write(() => {
      const plan = this.loadPlan(this.planRow(id));
      const copy = this.create(plan, { name: name ?? `${plan.name} (copy)` });
      this.replacePositions(copy.id, this.loadPositions(id));
      return this.summary(copy.id);
    });
  }

  delete(id: string): void {
    this.write(() => {
      const result = this.sql('DELETE FROM plans WHERE id = ?').run(id);
      if (result.changes === 0) throw this.notFound(id);
      this.saved.delete(id);
    });
  }

  savePositions(id: string, positions: CanvasPositions): { updatedAt: string } {
    return this.write(() => {
      this.planRow(id);
      const time = this.timestamp();
      this.replacePositions(id, positions);
      this.sql('UPDATE plans SET updated_at = ? WHERE id = ?').run(time, id);
      return { updatedAt: time };
    });
  }

  saveRevision(planId: string, message: string): RevisionSummary {
    return this.write(() => {
      const plan = this.loadPlan(this.planRow(planId));
      const createdAt = this.timestamp();
      const result = this.sql(
        'INSERT INTO revisions (plan_id, message, created_at, snapshot, positions) VALUES (?, ?, ?, ?, ?)',
      ).run(planId, message, createdAt, JSON.stringify(plan), JSON.stringify(this.loadPositions(planId)));
      return { id: Number(result.lastInsertRowid), planId, message, createdAt };
    });
  }

  restoreRevision(revisionId: number): StoredPlan {
    return this.write(() => {
      const row = this.revisionRow(revisionId);
      this.saveRevision(row.plan_id, `Before restoring revision ${revisionId} (${row.message})`);
      this.save(row.plan_id, revisionPlan(row.snapshot));
      this.replacePositions(row.plan_id, JSON.parse(row.positions) as CanvasPositions);
      return this.get(row.plan_id);
    });
  }

  async saveCopy(destination: string): Promise<void> {
    try {
      await this.db.backup(destination);
    } catch (error) {
      throw toStoreError(error, destination);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- plan content ----------------------------------------------------------------------------

  private insertContent(planId: string, plan: Plan): void {
    this.insertAccounts(planId, plan.accounts);
    const peeringRows = new Map<string, number>();
    plan.peerings.forEach((peering, ordinal) => {
      const rowId = this.insertPeering(planId, ordinal, peering);
      if (!peeringRows.has(peering.id)) peeringRows.set(peering.id, rowId);
    });
    const lookup = (id: string): number | null => peeringRows.get(id) ?? null;
    plan.vpcs.forEach((vpc, ordinal) => this.insertVpc(planId, ordinal, vpc, lookup));
    this.insertPrices(planId, plan.prices);
    this.insertTraffic(planId, plan, lookup);
    this.insertCcns(planId, plan);
    this.insertCcnTraffic(planId, plan);
  }

  private deleteContent(planId: string): void {
    for (const table of ['accounts', 'vpcs', 'price_catalogs', 'traffic', 'ccns', 'ccn_traffic']) {
      this.sql(`DELETE FROM ${table} WHERE plan_id = ?`).run(planId);
    }
    // Routes pointing at these peerings went with their VPCs above.
    this.sql('DELETE FROM peerings WHERE plan_id = ?').run(planId);
  }

  /** Rewrites only the collections and objects that differ from what was last saved. */
  private saveChanges(planId: string, before: Plan, after: Plan): void {
    if (!sameValue(before.accounts, after.accounts)) {
      this.sql('DELETE FROM accounts WHERE plan_id = ?').run(planId);
      this.insertAccounts(planId, after.accounts);
    }
    const peeringsChanged = !sameValue(before.peerings, after.peerings);
    if (peeringsChanged) this.savePeeringChanges(planId, before.peerings, after.peerings);
    const lookup = (id: string): number | null =>
      (this.sql(PEERING_ROW_BY_ID).pluck().get(planId, id) as number | undefined) ?? null;
    if (before.vpcs !== after.vpcs) {
      const common = Math.min(before.vpcs.length, after.vpcs.length);
      for (let ordinal = 0; ordinal < common; ordinal++) {
        if (!sameValue(before.vpcs[ordinal], after.vpcs[ordinal]))
          this.rewriteVpc(planId, ordinal, before.vpcs[ordinal]!, after.vpcs[ordinal]!, lookup);
      }
      for (let ordinal = common; ordinal < after.vpcs.length; ordinal++) {
        this.insertVpc(planId, ordinal, after.vpcs[ordinal]!, lookup);
      }
      this.sql('DELETE FROM vpcs WHERE plan_id = ? AND ordinal >= ?').run(planId, after.vpcs.length);
    }
    if (!sameValue(before.prices, after.prices)) {
      this.sql('DELETE FROM price_catalogs WHERE plan_id = ?').run(planId);
      this.insertPrices(planId, after.prices);
    }
    if (!sameValue(before.traffic, after.traffic)) {
      this.sql('DELETE FROM traffic WHERE plan_id = ?').run(planId);
      this.insertTraffic(planId, after, lookup);
    }
    if (!sameValue(before.ccns, after.ccns)) {
      this.sql('DELETE FROM ccns WHERE plan_id = ?').run(planId);
      this.insertCcns(planId, after);
    }
    if (!sameValue(before.ccnTraffic, after.ccnTraffic)) {
      this.sql('DELETE FROM ccn_traffic WHERE plan_id = ?').run(planId);
      this.insertCcnTraffic(planId, after);
    }
  }

  private insertCcns(planId: string, plan: Plan): void {
    const insert = this.sql('INSERT INTO ccns (plan_id, ordinal, ccn_id, body) VALUES (?, ?, ?, ?)');
    plan.ccns.forEach((ccn, ordinal) => insert.run(planId, ordinal, ccn.id, JSON.stringify(ccnToFile(ccn))));
  }

  private insertCcnTraffic(planId: string, plan: Plan): void {
    const insert = this.sql(
      `INSERT INTO ccn_traffic (plan_id, ordinal, ccn_id, region_a, region_b, at, in_mbps, out_mbps)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    plan.ccnTraffic.forEach((s, ordinal) =>
      insert.run(planId, ordinal, s.ccn, s.regions[0], s.regions[1], s.at, s.inMbps, s.outMbps),
    );
  }

  private savePeeringChanges(planId: string, before: readonly Peering[], after: readonly Peering[]): void {
    const common = Math.min(before.length, after.length);
    let relink = before.length !== after.length;
    for (let ordinal = 0; ordinal < common; ordinal++) {
      const old = before[ordinal]!;
      const peering = after[ordinal]!;
      if (sameValue(old, peering)) continue;
      if (old.id !== peering.id) relink = true;
      this.sql(
        `UPDATE peerings SET peering_id = ?, name = ?, requester = ?, accepter = ?, state = ?, requested_at = ?,
           bandwidth_mbps = ?, bandwidth_quota_mbps = ?, charge_type = ?, expected_peak_mbps = ?
         WHERE plan_id = ? AND ordinal = ?`,
      ).run(...this.peeringValues(peering), planId, ordinal);
    }
    for (let ordinal = common; ordinal < after.length; ordinal++)
      this.insertPeering(planId, ordinal, after[ordinal]!);
    if (after.length < before.length) {
      // The plan being saved says what its routes are: a route that still names a removed
      // peering stays (as a dangling reference, a finding), so unlink before the cascade.
      const removed = `(SELECT row_id FROM peerings WHERE plan_id = ? AND ordinal >= ?)`;
      this.sql(`UPDATE routes SET peering_row = NULL WHERE peering_row IN ${removed}`).run(
        planId,
        after.length,
      );
      this.sql(`UPDATE traffic SET peering_row = NULL WHERE peering_row IN ${removed}`).run(
        planId,
        after.length,
      );
      this.sql('DELETE FROM peerings WHERE plan_id = ? AND ordinal >= ?').run(planId, after.length);
    }
    if (relink) {
      const target = peeringRowOf('@plan', 'ID');
      this.sql(
        `UPDATE routes SET peering_row = ${target.replace('ID', 'routes.next_hop_id')}
         WHERE next_hop_type = 'peering' AND route_table_row IN
           (SELECT t.row_id FROM route_tables t JOIN vpcs v ON v.row_id = t.vpc_row WHERE v.plan_id = @plan)`,
      ).run({ plan: planId });
      this.sql(
        `UPDATE traffic SET peering_row = ${target.replace('ID', 'traffic.peering_id')} WHERE plan_id = @plan`,
      ).run({
        plan: planId,
      });
    }
  }

  private insertAccounts(planId: string, accounts: readonly Account[]): void {
    const insert = this.sql(
      'INSERT INTO accounts (plan_id, ordinal, account_id, name, own, trusted) VALUES (?, ?, ?, ?, ?, ?)',
    );
    accounts.forEach((account, ordinal) =>
      insert.run(planId, ordinal, account.id, account.name, bool(account.own), bool(account.trusted)),
    );
  }

  private peeringValues(peering: Peering): unknown[] {
    return [
      peering.id,
      peering.name,
      peering.requester,
      peering.accepter,
      peering.state,
      peering.requestedAt ?? null,
      peering.bandwidthMbps ?? null,
      peering.bandwidthQuotaMbps,
      peering.chargeType,
      peering.expectedPeakMbps ?? null,
    ];
  }

  private insertPeering(planId: string, ordinal: number, peering: Peering): number {
    const result = this.sql(
      `INSERT INTO peerings (plan_id, ordinal, peering_id, name, requester, accepter, state, requested_at,
         bandwidth_mbps, bandwidth_quota_mbps, charge_type, expected_peak_mbps)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(planId, ordinal, ...this.peeringValues(peering));
    return Number(result.lastInsertRowid);
  }

  private insertVpc(
    planId: string,
    ordinal: number,
    vpc: Vpc,
    peeringRow: (id: string) => number | null,
  ): void {
    const result = this.sql(
      `INSERT INTO vpcs (plan_id, ordinal, vpc_id, name, account_id, region, cidr, peering_quota)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(planId, ordinal, vpc.id, vpc.name, vpc.account, vpc.region, vpc.cidr, vpc.peeringQuota);
    this.insertVpcChildren(Number(result.lastInsertRowid), vpc, peeringRow);
  }

  /** Rewrites one VPC in place: its row if a field changed, and only the child lists that differ. */
  private rewriteVpc(
    planId: string,
    ordinal: number,
    before: Vpc,
    vpc: Vpc,
    peeringRow: (id: string) => number | null,
  ): void {
    const vpcRow = this.sql('SELECT row_id FROM vpcs WHERE plan_id = ? AND ordinal = ?')
      .pluck()
      .get(planId, ordinal) as number | undefined;
    if (vpcRow === undefined) {
      this.insertVpc(planId, ordinal, vpc, peeringRow);
      return;
    }
    if (
      before.id !== vpc.id ||
      before.name !== vpc.name ||
      before.account !== vpc.account ||
      before.region !== vpc.region ||
      before.cidr !== vpc.cidr ||
      before.peeringQuota !== vpc.peeringQuota
    ) {
      this.sql(
        'UPDATE vpcs SET vpc_id = ?, name = ?, account_id = ?, region = ?, cidr = ?, peering_quota = ? WHERE row_id = ?',
      ).run(vpc.id, vpc.name, vpc.account, vpc.region, vpc.cidr, vpc.peeringQuota, vpcRow);
    }
    if (!sameValue(before.secondaryCidrs, vpc.secondaryCidrs)) {
      this.sql('DELETE FROM vpc_cidrs WHERE vpc_row = ?').run(vpcRow);
      this.insertCidrs(vpcRow, vpc.secondaryCidrs);
    }
    if (before.routeTables !== vpc.routeTables) {
      const common = Math.min(before.routeTables.length, vpc.routeTables.length);
      for (let index = 0; index < common; index++) {
        const old = before.routeTables[index]!;
        const table = vpc.routeTables[index]!;
        if (old === table) continue;
        const tableRow = this.sql('SELECT row_id FROM route_tables WHERE vpc_row = ? AND ordinal = ?')
          .pluck()
          .get(vpcRow, index) as number;
        if (old.id !== table.id || old.name !== table.name || old.default !== table.default) {
          this.sql('UPDATE route_tables SET table_id = ?, name = ?, is_default = ? WHERE row_id = ?').run(
            table.id,
            table.name,
            bool(table.default),
            tableRow,
          );
        }
        if (!sameValue(old.routes, table.routes)) {
          this.sql('DELETE FROM routes WHERE route_table_row = ?').run(tableRow);
          this.insertRoutes(tableRow, table.routes, peeringRow);
        }
      }
      for (let index = common; index < vpc.routeTables.length; index++) {
        this.insertRouteTable(vpcRow, index, vpc.routeTables[index]!, peeringRow);
      }
      this.sql('DELETE FROM route_tables WHERE vpc_row = ? AND ordinal >= ?').run(
        vpcRow,
        vpc.routeTables.length,
      );
    }
    if (!sameValue(before.subnets, vpc.subnets)) {
      this.sql('DELETE FROM subnets WHERE vpc_row = ?').run(vpcRow);
      this.insertSubnets(vpcRow, vpc.subnets);
    }
  }

  private insertVpcChildren(vpcRow: number, vpc: Vpc, peeringRow: (id: string) => number | null): void {
    this.insertCidrs(vpcRow, vpc.secondaryCidrs);
    vpc.routeTables.forEach((table, ordinal) => this.insertRouteTable(vpcRow, ordinal, table, peeringRow));
    this.insertSubnets(vpcRow, vpc.subnets);
  }

  private insertCidrs(vpcRow: number, cidrs: readonly string[]): void {
    const insert = this.sql('INSERT INTO vpc_cidrs (vpc_row, ordinal, cidr) VALUES (?, ?, ?)');
    cidrs.forEach((cidr, ordinal) => insert.run(vpcRow, ordinal, cidr));
  }

  private insertRouteTable(
    vpcRow: number,
    ordinal: number,
    table: RouteTable,
    peeringRow: (id: string) => number | null,
  ): void {
    const tableRow = Number(
      this.sql(
        'INSERT INTO route_tables (vpc_row, ordinal, table_id, name, is_default) VALUES (?, ?, ?, ?, ?)',
      ).run(vpcRow, ordinal, table.id, table.name, bool(table.default)).lastInsertRowid,
    );
    this.insertRoutes(tableRow, table.routes, peeringRow);
  }

  private insertRoutes(
    tableRow: number,
    routes: readonly Route[],
    peeringRow: (id: string) => number | null,
  ): void {
    const insert = this.sql(
      `INSERT INTO routes (route_table_row, ordinal, destination, next_hop_type, next_hop_id, peering_row, enabled, description)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    routes.forEach((route, ordinal) =>
      insert.run(
        tableRow,
        ordinal,
        route.destination,
        route.nextHop.type,
        route.nextHop.id,
        route.nextHop.type === 'peering' ? peeringRow(route.nextHop.id) : null,
        bool(route.enabled),
        route.description ?? null,
      ),
    );
  }

  private insertSubnets(vpcRow: number, subnets: readonly Subnet[]): void {
    const insert = this.sql(
      'INSERT INTO subnets (vpc_row, ordinal, subnet_id, name, cidr, zone, route_table_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    subnets.forEach((subnet, ordinal) =>
      insert.run(
        vpcRow,
        ordinal,
        subnet.id,
        subnet.name,
        subnet.cidr,
        subnet.zone ?? null,
        subnet.routeTable ?? null,
      ),
    );
  }

  private insertPrices(planId: string, prices: PriceCatalog | null): void {
    if (!prices) return;
    this.sql(
      `INSERT INTO price_catalogs (plan_id, currency, mainland_regions, mainland_daily_peak, mainland_monthly_p95, pairs, ccn)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      planId,
      prices.currency,
      JSON.stringify(prices.mainlandRegions),
      JSON.stringify(prices.mainland.dailyPeak),
      JSON.stringify(prices.mainland.monthlyP95),
      JSON.stringify(prices.pairs),
      prices.ccn === undefined ? null : JSON.stringify(prices.ccn),
    );
  }

  private insertTraffic(planId: string, plan: Plan, peeringRow: (id: string) => number | null): void {
    const insert = this.sql(
      `INSERT INTO traffic (plan_id, ordinal, peering_id, peering_row, day, utc_offset, time_style, samples, at, in_mbps, out_mbps)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const links = new Map<string, number | null>();
    encodeTraffic(plan.traffic).forEach((row, ordinal) => {
      let link = links.get(row.peeringId);
      if (link === undefined && !links.has(row.peeringId)) {
        link = peeringRow(row.peeringId);
        links.set(row.peeringId, link);
      }
      insert.run(
        planId,
        ordinal,
        row.peeringId,
        link ?? null,
        row.day,
        row.utcOffset,
        row.timeStyle,
        row.samples,
        row.at,
        row.inMbps,
        row.outMbps,
      );
    });
  }

  private replacePositions(planId: string, positions: CanvasPositions): void {
    this.sql('DELETE FROM canvas_positions WHERE plan_id = ?').run(planId);
    const insert = this.sql('INSERT INTO canvas_positions (plan_id, element_id, x, y) VALUES (?, ?, ?, ?)');
    for (const [elementId, { x, y }] of Object.entries(positions)) insert.run(planId, elementId, x, y);
  }

  // ---- loading ---------------------------------------------------------------------------------

  /**
   * The plan of a row, checked: a library whose SQLite is healthy can still hold content that is
   * not a plan (a traffic BLOB of the wrong length, a price catalog that is not JSON, a date that
   * is no date). Such a plan is refused with a StoreError naming the plan and the table, never
   * exported as a file Peerplan would itself refuse.
   */
  private loadPlan(row: PlanRow): Plan {
    let plan: Plan;
    try {
      plan = this.readPlanRows(row);
    } catch (error) {
      if (error instanceof DamagedRows) throw this.damaged(row, error.table, error.message);
      throw error;
    }
    // The plan is checked as the file it would export: CCN traffic goes back into `traffic`.
    const asFile = asPlanFile(plan);
    if (isPlanFileShape(asFile)) return plan;
    const checked = planFileSchema.safeParse(asFile);
    if (checked.success) return plan;
    const issue = checked.error.issues[0]!;
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    throw this.damaged(row, tableOfPath(path), `${formatJsonPath(path)}: ${issue.message}`);
  }

  private damaged(row: PlanRow, table: string, detail: string): StoreError {
    return new StoreError(
      'DAMAGED_PLAN',
      `${this.path}: plan ${row.id} ("${row.name}") has damaged content in the table ${table} (${detail}); it was left untouched.`,
    );
  }

  private readPlanRows(row: PlanRow): Plan {
    const planId = row.id;
    const accounts: Account[] = (
      this.sql('SELECT account_id, name, own, trusted FROM accounts WHERE plan_id = ? ORDER BY ordinal')
        .raw()
        .all(planId) as [string, string, number, number][]
    ).map(([id, name, own, trusted]) => ({ id, name, own: own === 1, trusted: trusted === 1 }));

    const cidrsByVpc = new Map<number, string[]>();
    for (const [vpcRow, cidr] of this.sql(
      `SELECT c.vpc_row, c.cidr FROM vpc_cidrs c JOIN vpcs v ON v.row_id = c.vpc_row
       WHERE v.plan_id = ? ORDER BY v.ordinal, c.ordinal`,
    )
      .raw()
      .all(planId) as [number, string][]) {
      pushTo(cidrsByVpc, vpcRow, cidr);
    }

    const routesByTable = new Map<number, Route[]>();
    for (const [tableRow, destination, type, id, enabled, description] of this.sql(
      `SELECT r.route_table_row, r.destination, r.next_hop_type, r.next_hop_id, r.enabled, r.description
       FROM routes r JOIN route_tables t ON t.row_id = r.route_table_row JOIN vpcs v ON v.row_id = t.vpc_row
       WHERE v.plan_id = ? ORDER BY v.ordinal, t.ordinal, r.ordinal`,
    )
      .raw()
      .all(planId) as [number, string, string, string, number, string | null][]) {
      const route: Route = {
        destination,
        nextHop: { type: type as NextHopType, id },
        enabled: enabled === 1,
      };
      pushTo(routesByTable, tableRow, description === null ? route : { ...route, description });
    }

    const tablesByVpc = new Map<number, RouteTable[]>();
    for (const [tableRow, vpcRow, id, name, isDefault] of this.sql(
      `SELECT t.row_id, t.vpc_row, t.table_id, t.name, t.is_default FROM route_tables t JOIN vpcs v ON v.row_id = t.vpc_row
       WHERE v.plan_id = ? ORDER BY v.ordinal, t.ordinal`,
    )
      .raw()
      .all(planId) as [number, number, string, string, number][]) {
      pushTo(tablesByVpc, vpcRow, {
        id,
        name,
        default: isDefault === 1,
        routes: routesByTable.get(tableRow) ?? [],
      });
    }

    const subnetsByVpc = new Map<number, Subnet[]>();
    for (const [vpcRow, id, name, cidr, zone, routeTable] of this.sql(
      `SELECT s.vpc_row, s.subnet_id, s.name, s.cidr, s.zone, s.route_table_id FROM subnets s JOIN vpcs v ON v.row_id = s.vpc_row
       WHERE v.plan_id = ? ORDER BY v.ordinal, s.ordinal`,
    )
      .raw()
      .all(planId) as [number, string, string, string, string | null, string | null][]) {
      const subnet: { -readonly [K in keyof Subnet]: Subnet[K] } = { id, name, cidr };
      if (zone !== null) subnet.zone = zone;
      if (routeTable !== null) subnet.routeTable = routeTable;
      pushTo(subnetsByVpc, vpcRow, subnet);
    }

    const vpcs: Vpc[] = (
      this.sql(
        `SELECT row_id, vpc_id, name, account_id, region, cidr, peering_quota FROM vpcs WHERE plan_id = ? ORDER BY ordinal`,
      )
        .raw()
        .all(planId) as [number, string, string, string, string, string, number][]
    ).map(([vpcRow, id, name, account, region, cidr, peeringQuota]) => ({
      id,
      name,
      account,
      region,
      cidr,
      secondaryCidrs: cidrsByVpc.get(vpcRow) ?? [],
      peeringQuota,
      routeTables: tablesByVpc.get(vpcRow) ?? [],
      subnets: subnetsByVpc.get(vpcRow) ?? [],
    }));

    const peerings: Peering[] = (
      this.sql(
        `SELECT peering_id, name, requester, accepter, state, requested_at, bandwidth_mbps, bandwidth_quota_mbps,
           charge_type, expected_peak_mbps FROM peerings WHERE plan_id = ? ORDER BY ordinal`,
      )
        .raw()
        .all(planId) as [
        string,
        string,
        string,
        string,
        string,
        string | null,
        number | null,
        number,
        string,
        number | null,
      ][]
    ).map(
      ([
        id,
        name,
        requester,
        accepter,
        state,
        requestedAt,
        bandwidthMbps,
        bandwidthQuotaMbps,
        chargeType,
        expected,
      ]) => {
        const peering: { -readonly [K in keyof Peering]: Peering[K] } = {
          id,
          name,
          requester,
          accepter,
          state: state as PeeringState,
          bandwidthQuotaMbps,
          chargeType: chargeType as ChargeType,
        };
        if (requestedAt !== null) peering.requestedAt = requestedAt;
        if (bandwidthMbps !== null) peering.bandwidthMbps = bandwidthMbps;
        if (expected !== null) peering.expectedPeakMbps = expected;
        return reorder(peering, PEERING_KEYS);
      },
    );

    const priceRow = this.sql(
      'SELECT currency, mainland_regions, mainland_daily_peak, mainland_monthly_p95, pairs, ccn FROM price_catalogs WHERE plan_id = ?',
    )
      .raw()
      .get(planId) as [string, string, string, string, string, string | null] | undefined;
    const prices: PriceCatalog | null = priceRow
      ? readingTable('price_catalogs', () => ({
          currency: priceRow[0] as 'CNY',
          mainlandRegions: JSON.parse(priceRow[1]) as string[],
          mainland: {
            dailyPeak: JSON.parse(priceRow[2]) as PriceCatalog['mainland']['dailyPeak'],
            monthlyP95: JSON.parse(priceRow[3]) as PriceCatalog['mainland']['monthlyP95'],
          },
          pairs: JSON.parse(priceRow[4]) as PriceCatalog['pairs'],
          ...(priceRow[5] === null
            ? {}
            : { ccn: JSON.parse(priceRow[5]) as NonNullable<PriceCatalog['ccn']> }),
        }))
      : null;

    const ccnBodies = this.sql('SELECT body FROM ccns WHERE plan_id = ? ORDER BY ordinal')
      .pluck()
      .all(planId) as string[];
    const ccns = readingTable('ccns', () =>
      ccnBodies.map((body) => normalizeCcn(ccnFileSchema.parse(JSON.parse(body)), new Map())),
    );
    const ccnTrafficRows = this.sql(
      'SELECT ccn_id, region_a, region_b, at, in_mbps, out_mbps FROM ccn_traffic WHERE plan_id = ? ORDER BY ordinal',
    )
      .raw()
      .all(planId) as [string, string, string, string, number, number][];
    const ccnTraffic = ccnTrafficRows.map(([ccn, a, b, at, inMbps, outMbps]) => ({
      ccn,
      regions: [a, b] as const,
      at,
      inMbps,
      outMbps,
    }));

    const trafficRows = this.sql(
      `SELECT peering_id AS peeringId, day, utc_offset AS utcOffset, time_style AS timeStyle, samples, at,
         in_mbps AS inMbps, out_mbps AS outMbps FROM traffic WHERE plan_id = ? ORDER BY ordinal`,
    ).all(planId) as TrafficRow[];

    return {
      format: row.format as typeof PLAN_FORMAT,
      name: row.name,
      asOf: row.as_of,
      settings: { freeBandwidthMbps: row.free_bandwidth_mbps, billingTimeZone: row.billing_time_zone },
      accounts,
      vpcs,
      peerings,
      traffic: readingTable('traffic', () => decodeTraffic(trafficRows)),
      prices,
      ccns,
      ccnTraffic,
    };
  }

  private loadPositions(planId: string): CanvasPositions {
    const positions = emptyPositions();
    for (const [elementId, x, y] of this.sql(
      'SELECT element_id, x, y FROM canvas_positions WHERE plan_id = ? ORDER BY element_id',
    )
      .raw()
      .all(planId) as [string, number, number][]) {
      positions[elementId] = { x, y };
    }
    return positions;
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private planRow(id: string): PlanRow {
    const row = this.sql('SELECT * FROM plans WHERE id = ?').get(id) as PlanRow | undefined;
    if (!row) throw this.notFound(id);
    return row;
  }

  private revisionRow(id: number): RevisionRow & { snapshot: string; positions: string } {
    const row = this.sql(
      'SELECT id, plan_id, message, created_at, snapshot, positions FROM revisions WHERE id = ?',
    ).get(id) as (RevisionRow & { snapshot: string; positions: string }) | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `${this.path}: there is no revision ${id} in the library.`);
    return row;
  }

  private summary(id: string): PlanSummary {
    const found = this.list().find((plan) => plan.id === id);
    if (!found) throw this.notFound(id);
    return found;
  }

  private notFound(id: string): StoreError {
    return new StoreError('NOT_FOUND', `${this.path}: there is no plan with ID "${id}" in the library.`);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  private guard<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw toStoreError(error, this.path);
    }
  }

  /** One immediate transaction per write (nested writes join the outer one). */
  private write<T>(action: () => T): T {
    if (this.readOnly) {
      throw new StoreError(
        'READ_ONLY',
        `${this.path}: the library is read-only; nothing was saved. Make the file writable or choose another library with --db.`,
      );
    }
    try {
      if (this.db.inTransaction) return action();
      return this.db.transaction(action).immediate();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      // A failed save leaves the cache pointing at content that may not be on disk; forget it so
      // the next save rewrites the plan whole.
      this.saved.clear();
      throw toStoreError(error, this.path);
    }
  }
}

const PEERING_KEYS: readonly (keyof Peering)[] = [
  'id',
  'name',
  'requester',
  'accepter',
  'state',
  'requestedAt',
  'bandwidthMbps',
  'bandwidthQuotaMbps',
  'chargeType',
  'expectedPeakMbps',
];

/** The model's key order, so exported JSON reads like the format's documentation. */
function reorder<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const ordered = {} as T;
  for (const key of keys) if (value[key] !== undefined) ordered[key] = value[key];
  return ordered;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Content of a table that cannot be read as what it should hold. */
class DamagedRows extends Error {
  constructor(
    readonly table: string,
    message: string,
  ) {
    super(message);
  }
}

/** A revision's plan: snapshots taken before CCNs existed lack their (empty) lists. */
function revisionPlan(snapshot: string): Plan {
  return { ccns: [], ccnTraffic: [], ...(JSON.parse(snapshot) as Partial<Plan>) } as Plan;
}

/** Runs `read` over the rows of `table`; what it throws becomes DamagedRows naming the table. */
function readingTable<T>(table: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new DamagedRows(table, error instanceof Error ? error.message : String(error));
  }
}

/** The table that stores the value at a JSON path of the plan. */
function tableOfPath(path: readonly (string | number)[]): string {
  const [top, , child, , grandchild] = path;
  switch (top) {
    case 'accounts':
      return 'accounts';
    case 'vpcs':
      if (child === 'subnets') return 'subnets';
      if (child === 'routeTables') return grandchild === 'routes' ? 'routes' : 'route_tables';
      return 'vpcs';
    case 'peerings':
      return 'peerings';
    case 'traffic':
      return 'traffic';
    case 'ccns':
      return 'ccns';
    case 'prices':
      return 'price_catalogs';
    default:
      return 'plans';
  }
}
