/**
 * The library's schema, versioned by `PRAGMA user_version` and marked as ours by
 * `PRAGMA application_id` (sqlite.org: SQLite as an application file format). Each migration takes
 * the file from the previous version to its own; a new file runs them all. Old migrations are never
 * edited: a library written by any earlier version must open (test/electron/store-migrations.test.ts).
 *
 * Plans are stored normalised, one row per object, with `ordinal` keeping the plan's order so the
 * exported plan is exactly the imported one. Cross-references the user may get wrong (a route to a
 * peering that does not exist, duplicate IDs: both are findings, not load errors) are kept as text;
 * the nullable `*_row` foreign keys link to the referenced row when it exists, so that deleting a
 * peering deletes the routes and traffic that point at it, as the cloud does. Child rows live in
 * WITHOUT ROWID tables clustered by (parent, ordinal), so a plan loads by range scans in order.
 */

/** "PPLN": the file is a Peerplan library. */
export const APPLICATION_ID = 0x50504c4e;

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const V1_PLANS_AND_CONTENT = `
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  as_of TEXT NOT NULL,
  free_bandwidth_mbps REAL NOT NULL,
  billing_time_zone TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  save_count INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE accounts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  own INTEGER NOT NULL,
  trusted INTEGER NOT NULL,
  PRIMARY KEY (plan_id, ordinal)
) STRICT, WITHOUT ROWID;

CREATE TABLE vpcs (
  row_id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  vpc_id TEXT NOT NULL,
  name TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  cidr TEXT NOT NULL,
  peering_quota INTEGER NOT NULL,
  UNIQUE (plan_id, ordinal)
) STRICT;

-- Secondary CIDRs (the primary one is vpcs.cidr).
CREATE TABLE vpc_cidrs (
  vpc_row INTEGER NOT NULL REFERENCES vpcs(row_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  cidr TEXT NOT NULL,
  PRIMARY KEY (vpc_row, ordinal)
) STRICT, WITHOUT ROWID;

CREATE TABLE route_tables (
  row_id INTEGER PRIMARY KEY,
  vpc_row INTEGER NOT NULL REFERENCES vpcs(row_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  table_id TEXT NOT NULL,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL,
  UNIQUE (vpc_row, ordinal)
) STRICT;

CREATE TABLE peerings (
  row_id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  peering_id TEXT NOT NULL,
  name TEXT NOT NULL,
  requester TEXT NOT NULL,
  accepter TEXT NOT NULL,
  state TEXT NOT NULL,
  requested_at TEXT,
  bandwidth_mbps REAL,
  bandwidth_quota_mbps REAL NOT NULL,
  charge_type TEXT NOT NULL,
  expected_peak_mbps REAL,
  UNIQUE (plan_id, ordinal)
) STRICT;
CREATE INDEX peerings_by_id ON peerings (plan_id, peering_id);

CREATE TABLE routes (
  route_table_row INTEGER NOT NULL REFERENCES route_tables(row_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  destination TEXT NOT NULL,
  next_hop_type TEXT NOT NULL,
  next_hop_id TEXT NOT NULL,
  -- The peering this route points at, when it exists: deleting the peering deletes the route.
  peering_row INTEGER REFERENCES peerings(row_id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL,
  description TEXT,
  PRIMARY KEY (route_table_row, ordinal)
) STRICT, WITHOUT ROWID;
-- A full index (not partial): SQLite's foreign-key actions look children up only through one.
CREATE INDEX routes_by_peering ON routes (peering_row);

CREATE TABLE subnets (
  vpc_row INTEGER NOT NULL REFERENCES vpcs(row_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  subnet_id TEXT NOT NULL,
  name TEXT NOT NULL,
  cidr TEXT NOT NULL,
  zone TEXT,
  route_table_id TEXT,
  PRIMARY KEY (vpc_row, ordinal)
) STRICT, WITHOUT ROWID;

-- A catalog is replaced as a whole, so its tier lists are kept as JSON documents.
CREATE TABLE price_catalogs (
  plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  mainland_regions TEXT NOT NULL,
  mainland_daily_peak TEXT NOT NULL,
  mainland_monthly_p95 TEXT NOT NULL,
  pairs TEXT NOT NULL
) STRICT;

-- Traffic, compact: one row per peering and billing day holding its 288 five-minute samples in a
-- BLOB (in, out as little-endian float64 pairs; NaN marks an empty slot). A sample off the
-- five-minute grid is kept as a row of its own (samples NULL, at/in/out set).
CREATE TABLE traffic (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  peering_id TEXT NOT NULL,
  peering_row INTEGER REFERENCES peerings(row_id) ON DELETE CASCADE,
  day TEXT,
  utc_offset TEXT,
  time_style INTEGER,
  samples BLOB,
  at TEXT,
  in_mbps REAL,
  out_mbps REAL,
  PRIMARY KEY (plan_id, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX traffic_by_peering ON traffic (peering_row);
`;

const V2_POSITIONS_AND_REVISIONS = `
CREATE TABLE canvas_positions (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  element_id TEXT NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  PRIMARY KEY (plan_id, element_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The normalised plan file (JSON) and the canvas positions at the time of the revision.
  snapshot TEXT NOT NULL,
  positions TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX revisions_by_plan ON revisions (plan_id, id);
`;

// The lookup of a peering's row by its ID (incremental saves, relinking routes and traffic) asks
// for the first in plan order: `WHERE plan_id = ? AND peering_id = ? ORDER BY ordinal LIMIT 1`.
// With (plan_id, peering_id) SQLite preferred the UNIQUE (plan_id, ordinal) index to skip the
// sort and scanned every peering of the plan for each lookup (a 48 MB plan saved over a small one
// took 82 s); with the ordinal in the index the lookup is one seek.
const V3_PEERING_LOOKUP = `
DROP INDEX peerings_by_id;
CREATE INDEX peerings_by_id ON peerings (plan_id, peering_id, ordinal);
`;

// Cloud Connect Networks (spec/ccn.md). A CCN is small and replaced whole when it changes, so it
// is kept as its plan-file JSON (checked by the plan schema on read); CCN traffic is one row per
// sample, and a CCN price list is a JSON column beside the peering catalog.
const V4_CCNS = `
CREATE TABLE ccns (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  ccn_id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (plan_id, ordinal)
) STRICT, WITHOUT ROWID;

CREATE TABLE ccn_traffic (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  ccn_id TEXT NOT NULL,
  region_a TEXT NOT NULL,
  region_b TEXT NOT NULL,
  at TEXT NOT NULL,
  in_mbps REAL NOT NULL,
  out_mbps REAL NOT NULL,
  PRIMARY KEY (plan_id, ordinal)
) STRICT, WITHOUT ROWID;

ALTER TABLE price_catalogs ADD COLUMN ccn TEXT;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'plans and their content', sql: V1_PLANS_AND_CONTENT },
  { version: 2, description: 'canvas positions and revisions', sql: V2_POSITIONS_AND_REVISIONS },
  { version: 3, description: 'peering lookup by ID in plan order', sql: V3_PEERING_LOOKUP },
  { version: 4, description: 'Cloud Connect Networks', sql: V4_CCNS },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
