/**
 * A fast, non-copying check that a JSON value is a valid plan file (`planFileSchema`).
 *
 * Why: zod builds a full copy of the value while it checks it; on a plan of tens of thousands of
 * routes that copy (and the garbage collection it causes) costs more than the rules themselves.
 * This check allocates nothing. It is deliberately at least as strict as the schema: when it
 * says yes, the schema says yes and its output equals the value (strict objects keep every key,
 * and the only default, `prices.pairs`, is applied by the normaliser anyway). When it says no,
 * the caller runs the schema, which finds the problem and words the error exactly as before (or,
 * for the rare value this check is stricter about, accepts it).
 */
import { isPlanDate, isSampleTime } from './dates';
import {
  CCN_ATTACHMENT_STATES,
  CCN_BANDWIDTH_LIMIT_TYPES,
  CCN_CHARGE_TYPES,
  CCN_PUBLISH_MODES,
  CCN_QOS_LEVELS,
  CHARGE_TYPES,
  NEXT_HOP_TYPES,
  PEERING_STATES,
  PLAN_FORMAT,
} from './model';
import type { PlanFile } from './schema';

// The pattern and the checks of schema.ts.
const OFFSET_PATTERN = /^[+-]([01]\d|2[0-3]):[0-5]\d$/;

const nextHopTypes: ReadonlySet<unknown> = new Set(NEXT_HOP_TYPES);
const peeringStates: ReadonlySet<unknown> = new Set(PEERING_STATES);
const chargeTypes: ReadonlySet<unknown> = new Set(CHARGE_TYPES);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
// Strings are not checked for lone surrogates here: the callers know there are none (see
// isPlanFileShape), and a scan of every string would cost more than the rest of the check.
const isString = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isMbps = (v: unknown): boolean => isFiniteNumber(v) && v >= 0;
const isPositive = (v: unknown): boolean => isFiniteNumber(v) && v > 0;
const isDate = (v: unknown): boolean => typeof v === 'string' && isPlanDate(v);

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isString(value[i])) return false;
  return true;
}

/** A check of one field's value. */
type FieldCheck = (value: unknown) => boolean;

/**
 * An object kind of the plan file: its field names, the check of each, and how many are
 * required (the required fields come first).
 */
interface Shape {
  readonly keys: readonly string[];
  readonly checks: readonly FieldCheck[];
  readonly requiredCount: number;
}

function shape(required: Record<string, FieldCheck>, optional: Record<string, FieldCheck>): Shape {
  const entries = [...Object.entries(required), ...Object.entries(optional)];
  return {
    keys: entries.map(([key]) => key),
    checks: entries.map(([, check]) => check),
    requiredCount: Object.keys(required).length,
  };
}

/**
 * Whether `value` is an object with only the fields of `kind`, each passing its check, and
 * every required field present. A kind has at most a dozen fields, found by a scan of its
 * names: property names from JSON.parse and these literals are both internalised strings, so
 * each comparison is one pointer test, cheaper than a hash lookup (and a key such as
 * `__proto__` finds nothing, as it would on an object).
 */
function fitsShape(value: unknown, kind: Shape): boolean {
  if (!isObject(value)) return false;
  const { keys, checks, requiredCount } = kind;
  let required = 0;
  for (const key in value) {
    let field = 0;
    while (field < keys.length && keys[field] !== key) field++;
    if (field === keys.length || !checks[field]!(value[key])) return false;
    if (field < requiredCount) required++;
  }
  return required === requiredCount;
}

const listOf = (kind: Shape): FieldCheck => {
  const fits = (item: unknown) => fitsShape(item, kind);
  return (value) => everyItem(value, fits);
};

const oneOf =
  (allowed: ReadonlySet<unknown>): FieldCheck =>
  (value) =>
    allowed.has(value);

const matches =
  (pattern: RegExp): FieldCheck =>
  (value) =>
    typeof value === 'string' && pattern.test(value);

const isPeeringQuota: FieldCheck = (v) => Number.isSafeInteger(v) && (v as number) > 0;

// The object kinds of plan-format.md, as schema.ts declares them.
const SETTINGS = shape({}, { freeBandwidthMbps: isMbps, billingTimeZone: matches(OFFSET_PATTERN) });
const ACCOUNT = shape({ id: isId }, { name: isString, own: isBoolean, trusted: isBoolean });
const NEXT_HOP = shape({ type: oneOf(nextHopTypes), id: isId }, {});
const ROUTE = shape(
  { destination: isString, nextHop: (v) => fitsShape(v, NEXT_HOP) },
  { enabled: isBoolean, description: isString },
);
const ROUTE_TABLE = shape({ id: isId }, { name: isString, default: isBoolean, routes: listOf(ROUTE) });
const SUBNET = shape({ id: isId, cidr: isString }, { name: isString, zone: isString, routeTable: isId });
const VPC = shape(
  { id: isId, account: isId, region: isString, cidr: isString },
  {
    name: isString,
    secondaryCidrs: isStringArray,
    peeringQuota: isPeeringQuota,
    routeTables: listOf(ROUTE_TABLE),
    subnets: listOf(SUBNET),
  },
);
const PEERING = shape(
  { id: isId, requester: isId, accepter: isId },
  {
    name: isString,
    state: oneOf(peeringStates),
    requestedAt: isDate,
    bandwidthMbps: isPositive,
    bandwidthQuotaMbps: isPositive,
    chargeType: oneOf(chargeTypes),
    expectedPeakMbps: isMbps,
  },
);
const TRAFFIC_SAMPLE = shape(
  { peering: isId, at: (v) => typeof v === 'string' && isSampleTime(v), inMbps: isMbps, outMbps: isMbps },
  {},
);
const isRegionPair: FieldCheck = (v) =>
  Array.isArray(v) && v.length === 2 && isString(v[0]) && isString(v[1]);
const CCN_ATTACHMENT = shape(
  { vpc: isId },
  {
    state: oneOf(new Set(CCN_ATTACHMENT_STATES)),
    attachedAt: isDate,
    publish: oneOf(new Set(CCN_PUBLISH_MODES)),
  },
);
const CCN_BANDWIDTH_LIMIT = shape({ region: isString, mbps: isPositive }, { dstRegion: isString });
const CCN_EXPECTED_P95 = shape({ regions: isRegionPair, mbps: isMbps }, {});
const CCN = shape(
  { id: isId, account: isId },
  {
    name: isString,
    qosLevel: oneOf(new Set(CCN_QOS_LEVELS)),
    chargeType: oneOf(new Set(CCN_CHARGE_TYPES)),
    bandwidthLimitType: oneOf(new Set(CCN_BANDWIDTH_LIMIT_TYPES)),
    attachments: listOf(CCN_ATTACHMENT),
    bandwidthLimits: listOf(CCN_BANDWIDTH_LIMIT),
    expectedP95: listOf(CCN_EXPECTED_P95),
  },
);
// A CCN traffic sample (`ccn` and `regions`) is left to the schema, which also words the
// either-or rule between `peering` and `ccn`.
const PLAN_FILE = shape(
  { format: (v) => v === PLAN_FORMAT, name: isString, accounts: listOf(ACCOUNT), vpcs: listOf(VPC) },
  {
    asOf: isDate,
    settings: (v) => fitsShape(v, SETTINGS),
    peerings: listOf(PEERING),
    traffic: listOf(TRAFFIC_SAMPLE),
    // Prices are small and rare: a catalogue is left to the schema.
    prices: (v) => v === null,
    ccns: listOf(CCN),
  },
);

/**
 * Whether `value` certainly satisfies `planFileSchema` (false means: ask the schema), given that
 * its strings are well-formed Unicode: the schema also refuses lone surrogates, which only a
 * `\uD8xx` escape of JSON text can make (parsePlanText sends such text to the schema; text read
 * from UTF-8, as the library's, cannot hold one).
 */
export function isPlanFileShape(value: unknown): value is PlanFile {
  return fitsShape(value, PLAN_FILE);
}

function everyItem(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}
