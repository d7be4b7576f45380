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
import { CHARGE_TYPES, NEXT_HOP_TYPES, PEERING_STATES, PLAN_FORMAT } from './model';
import type { PlanFile } from './schema';

// The patterns of schema.ts.
const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const OFFSET_PATTERN = /^[+-]([01]\d|2[0-3]):[0-5]\d$/;
const DATE_TIME_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const nextHopTypes: ReadonlySet<unknown> = new Set(NEXT_HOP_TYPES);
const peeringStates: ReadonlySet<unknown> = new Set(PEERING_STATES);
const chargeTypes: ReadonlySet<unknown> = new Set(CHARGE_TYPES);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isMbps = (v: unknown): boolean => isFiniteNumber(v) && v >= 0;
const isPositive = (v: unknown): boolean => isFiniteNumber(v) && v > 0;
const isDate = (v: unknown): boolean => typeof v === 'string' && DATE_PATTERN.test(v);

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** Whether `value` certainly satisfies `planFileSchema` (false means: ask the schema). */
export function isPlanFileShape(value: unknown): value is PlanFile {
  if (!isObject(value)) return false;
  let hasFormat = false;
  let hasName = false;
  let hasAccounts = false;
  let hasVpcs = false;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'format':
        if (field !== PLAN_FORMAT) return false;
        hasFormat = true;
        break;
      case 'name':
        if (!isString(field)) return false;
        hasName = true;
        break;
      case 'asOf':
        if (!isDate(field)) return false;
        break;
      case 'settings':
        if (!isSettings(field)) return false;
        break;
      case 'accounts':
        if (!everyItem(field, isAccount)) return false;
        hasAccounts = true;
        break;
      case 'vpcs':
        if (!everyItem(field, isVpc)) return false;
        hasVpcs = true;
        break;
      case 'peerings':
        if (!everyItem(field, isPeering)) return false;
        break;
      case 'traffic':
        if (!everyItem(field, isTrafficSample)) return false;
        break;
      case 'prices':
        // Prices are small and rare: a catalogue is left to the schema.
        if (field !== null) return false;
        break;
      default:
        return false;
    }
  }
  return hasFormat && hasName && hasAccounts && hasVpcs;
}

function everyItem(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

function isSettings(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) {
    const field = value[key];
    if (key === 'freeBandwidthMbps') {
      if (!isMbps(field)) return false;
    } else if (key === 'billingTimeZone') {
      if (typeof field !== 'string' || !OFFSET_PATTERN.test(field)) return false;
    } else return false;
  }
  return true;
}

function isAccount(value: unknown): boolean {
  if (!isObject(value)) return false;
  let hasId = false;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
        if (!isId(field)) return false;
        hasId = true;
        break;
      case 'name':
        if (!isString(field)) return false;
        break;
      case 'own':
      case 'trusted':
        if (!isBoolean(field)) return false;
        break;
      default:
        return false;
    }
  }
  return hasId;
}

function isVpc(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // id, account, region, cidr
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
      case 'account':
        if (!isId(field)) return false;
        required++;
        break;
      case 'region':
      case 'cidr':
        if (!isString(field)) return false;
        required++;
        break;
      case 'name':
        if (!isString(field)) return false;
        break;
      case 'secondaryCidrs':
        if (!isStringArray(field)) return false;
        break;
      case 'peeringQuota':
        if (!Number.isSafeInteger(field) || (field as number) <= 0) return false;
        break;
      case 'routeTables':
        if (!everyItem(field, isRouteTable)) return false;
        break;
      case 'subnets':
        if (!everyItem(field, isSubnet)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 4;
}

function isRouteTable(value: unknown): boolean {
  if (!isObject(value)) return false;
  let hasId = false;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
        if (!isId(field)) return false;
        hasId = true;
        break;
      case 'name':
        if (!isString(field)) return false;
        break;
      case 'default':
        if (!isBoolean(field)) return false;
        break;
      case 'routes':
        if (!everyItem(field, isRoute)) return false;
        break;
      default:
        return false;
    }
  }
  return hasId;
}

function isRoute(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // destination, nextHop
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'destination':
        if (!isString(field)) return false;
        required++;
        break;
      case 'nextHop':
        if (!isNextHop(field)) return false;
        required++;
        break;
      case 'enabled':
        if (!isBoolean(field)) return false;
        break;
      case 'description':
        if (!isString(field)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 2;
}

function isNextHop(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // type, id
  for (const key in value) {
    const field = value[key];
    if (key === 'type') {
      if (!nextHopTypes.has(field)) return false;
    } else if (key === 'id') {
      if (!isId(field)) return false;
    } else return false;
    required++;
  }
  return required === 2;
}

function isSubnet(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // id, cidr
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
        if (!isId(field)) return false;
        required++;
        break;
      case 'cidr':
        if (!isString(field)) return false;
        required++;
        break;
      case 'name':
      case 'zone':
        if (!isString(field)) return false;
        break;
      case 'routeTable':
        if (!isId(field)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 2;
}

function isPeering(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // id, requester, accepter
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
      case 'requester':
      case 'accepter':
        if (!isId(field)) return false;
        required++;
        break;
      case 'name':
        if (!isString(field)) return false;
        break;
      case 'state':
        if (!peeringStates.has(field)) return false;
        break;
      case 'requestedAt':
        if (!isDate(field)) return false;
        break;
      case 'bandwidthMbps':
      case 'bandwidthQuotaMbps':
        if (!isPositive(field)) return false;
        break;
      case 'chargeType':
        if (!chargeTypes.has(field)) return false;
        break;
      case 'expectedPeakMbps':
        if (!isMbps(field)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 3;
}

function isTrafficSample(value: unknown): boolean {
  if (!isObject(value)) return false;
  let required = 0; // peering, at, inMbps, outMbps
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'peering':
        if (!isId(field)) return false;
        break;
      case 'at':
        if (typeof field !== 'string' || !DATE_TIME_PATTERN.test(field)) return false;
        break;
      case 'inMbps':
      case 'outMbps':
        if (!isMbps(field)) return false;
        break;
      default:
        return false;
    }
    required++;
  }
  return required === 4;
}
