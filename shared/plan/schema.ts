/**
 * The `peerplan/1` plan file as a schema (zod): structure and types only. Anything that is
 * well-typed but wrong for the cloud (a bad CIDR, a dangling reference, an overlap) passes here
 * and is reported as a finding, so the user can fix it in the app. Unknown fields are refused:
 * a typo must not be silently ignored.
 */
import { z } from 'zod';
import { CHARGE_TYPES, NEXT_HOP_TYPES, PEERING_STATES, PLAN_FORMAT } from './model';

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const OFFSET_PATTERN = /^[+-]([01]\d|2[0-3]):[0-5]\d$/;
// ISO 8601 date-time with a mandatory offset (Z or ±HH:MM); seconds and fractions optional.
const DATE_TIME_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const id = z.string().min(1, 'must not be empty');
const date = z.string().regex(DATE_PATTERN, 'must be a date YYYY-MM-DD');
const mbps = z.number().finite().nonnegative();

const priceTier = z.strictObject({
  upToMbps: z.number().positive().nullable(),
  price: z.number().nonnegative().nullable(),
});
const priceTiers = z.array(priceTier).min(1);

export const priceCatalogSchema = z.strictObject({
  currency: z.literal('CNY'),
  mainlandRegions: z.array(z.string()),
  mainland: z.strictObject({ dailyPeak: priceTiers, monthlyP95: priceTiers }),
  pairs: z
    .array(
      z.strictObject({
        regions: z.tuple([z.string(), z.string()]),
        dailyPeak: priceTiers.optional(),
        monthlyP95: priceTiers.optional(),
      }),
    )
    .default([]),
});

const routeSchema = z.strictObject({
  destination: z.string(),
  nextHop: z.strictObject({ type: z.enum(NEXT_HOP_TYPES as [string, ...string[]]), id }),
  enabled: z.boolean().optional(),
  description: z.string().optional(),
});

const routeTableSchema = z.strictObject({
  id,
  name: z.string().optional(),
  default: z.boolean().optional(),
  routes: z.array(routeSchema).optional(),
});

const subnetSchema = z.strictObject({
  id,
  name: z.string().optional(),
  cidr: z.string(),
  zone: z.string().optional(),
  routeTable: id.optional(),
});

const vpcSchema = z.strictObject({
  id,
  name: z.string().optional(),
  account: id,
  region: z.string(),
  cidr: z.string(),
  secondaryCidrs: z.array(z.string()).optional(),
  peeringQuota: z.number().int().positive().optional(),
  routeTables: z.array(routeTableSchema).optional(),
  subnets: z.array(subnetSchema).optional(),
});

const peeringSchema = z.strictObject({
  id,
  name: z.string().optional(),
  requester: id,
  accepter: id,
  state: z.enum(PEERING_STATES as [string, ...string[]]).optional(),
  requestedAt: date.optional(),
  bandwidthMbps: z.number().finite().positive().optional(),
  bandwidthQuotaMbps: z.number().finite().positive().optional(),
  chargeType: z.enum(CHARGE_TYPES as [string, ...string[]]).optional(),
  expectedPeakMbps: mbps.optional(),
});

const trafficSampleSchema = z.strictObject({
  peering: id,
  at: z.string().regex(DATE_TIME_PATTERN, 'must be an ISO 8601 time with an offset'),
  inMbps: mbps,
  outMbps: mbps,
});

const accountSchema = z.strictObject({
  id,
  name: z.string().optional(),
  own: z.boolean().optional(),
  trusted: z.boolean().optional(),
});

export const planFileSchema = z.strictObject({
  format: z.literal(PLAN_FORMAT, { error: `must be "${PLAN_FORMAT}"` }),
  name: z.string(),
  asOf: date.optional(),
  settings: z
    .strictObject({
      freeBandwidthMbps: mbps.optional(),
      billingTimeZone: z.string().regex(OFFSET_PATTERN, 'must be an offset ±HH:MM').optional(),
    })
    .optional(),
  accounts: z.array(accountSchema),
  vpcs: z.array(vpcSchema),
  peerings: z.array(peeringSchema).optional(),
  traffic: z.array(trafficSampleSchema).optional(),
  prices: priceCatalogSchema.nullable().optional(),
});

/** A plan file as written: optional fields may be missing. */
export type PlanFile = z.infer<typeof planFileSchema>;
