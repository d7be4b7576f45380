/**
 * The `peerplan/1` plan file as a schema (zod): structure and types only. Anything that is
 * well-typed but wrong for the cloud (a bad CIDR, a dangling reference, an overlap) passes here
 * and is reported as a finding, so the user can fix it in the app. Unknown fields are refused:
 * a typo must not be silently ignored.
 */
import { z } from 'zod';
import { LONE_SURROGATE_MESSAGE, pathOfLoneSurrogate } from '../text/unicode';
import { dateProblem, dateTimeProblem } from './dates';
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

const OFFSET_PATTERN = /^[+-]([01]\d|2[0-3]):[0-5]\d$/;

const text = () => z.string();
const id = text().min(1, 'must not be empty');
/** A string checked by a function that says what is wrong with it (a date as a date, not a pattern). */
const checkedString = (problem: (text: string) => string | null) =>
  text().superRefine((value, context) => {
    const message = problem(value);
    if (message !== null) context.addIssue({ code: 'custom', message });
  });
const date = checkedString(dateProblem);
const mbps = z.number().finite().nonnegative();

const priceTier = z.strictObject({
  upToMbps: z.number().positive().nullable(),
  price: z.number().nonnegative().nullable(),
});
const priceTiers = z.array(priceTier).min(1);

const ccnQosLevel = z.enum(CCN_QOS_LEVELS as [string, ...string[]]);
const ccnChargeType = z.enum(CCN_CHARGE_TYPES as [string, ...string[]]);
const regionPair = z.tuple([text(), text()]);

const ccnPriceCatalogSchema = z.strictObject({
  currency: z.literal('USD', { error: 'must be "USD"' }),
  pairs: z
    .array(
      z.strictObject({
        regions: regionPair,
        qosLevel: ccnQosLevel.optional(),
        chargeType: ccnChargeType.optional(),
        monthly: priceTiers,
      }),
    )
    .default([]),
  instanceHourMainland: z.number().finite().nonnegative().optional(),
  instanceHourOther: z.number().finite().nonnegative().optional(),
});

export const priceCatalogSchema = z.strictObject({
  currency: z.literal('CNY'),
  mainlandRegions: z.array(text()),
  mainland: z.strictObject({ dailyPeak: priceTiers, monthlyP95: priceTiers }),
  pairs: z
    .array(
      z.strictObject({
        regions: z.tuple([text(), text()]),
        dailyPeak: priceTiers.optional(),
        monthlyP95: priceTiers.optional(),
      }),
    )
    .default([]),
  ccn: ccnPriceCatalogSchema.optional(),
});

const routeSchema = z.strictObject({
  destination: text(),
  nextHop: z.strictObject({ type: z.enum(NEXT_HOP_TYPES as [string, ...string[]]), id }),
  enabled: z.boolean().optional(),
  description: text().optional(),
});

const routeTableSchema = z.strictObject({
  id,
  name: text().optional(),
  default: z.boolean().optional(),
  routes: z.array(routeSchema).optional(),
});

const subnetSchema = z.strictObject({
  id,
  name: text().optional(),
  cidr: text(),
  zone: text().optional(),
  routeTable: id.optional(),
});

const vpcSchema = z.strictObject({
  id,
  name: text().optional(),
  account: id,
  region: text(),
  cidr: text(),
  secondaryCidrs: z.array(text()).optional(),
  peeringQuota: z.number().int().positive().optional(),
  routeTables: z.array(routeTableSchema).optional(),
  subnets: z.array(subnetSchema).optional(),
});

const peeringSchema = z.strictObject({
  id,
  name: text().optional(),
  requester: id,
  accepter: id,
  state: z.enum(PEERING_STATES as [string, ...string[]]).optional(),
  requestedAt: date.optional(),
  bandwidthMbps: z.number().finite().positive().optional(),
  bandwidthQuotaMbps: z.number().finite().positive().optional(),
  chargeType: z.enum(CHARGE_TYPES as [string, ...string[]]).optional(),
  expectedPeakMbps: mbps.optional(),
});

/** A sample of a peering (`peering`) or of a CCN region pair (`ccn` and `regions`), never both. */
const trafficSampleSchema = z
  .strictObject({
    peering: id.optional(),
    ccn: id.optional(),
    regions: regionPair.optional(),
    at: checkedString(dateTimeProblem),
    inMbps: mbps,
    outMbps: mbps,
  })
  .superRefine((sample, context) => {
    if (sample.peering !== undefined) {
      if (sample.ccn !== undefined)
        context.addIssue({ code: 'custom', message: 'names a peering and a CCN: give one', path: ['ccn'] });
      if (sample.regions !== undefined)
        context.addIssue({ code: 'custom', message: 'only a CCN sample names regions', path: ['regions'] });
    } else if (sample.ccn === undefined) {
      context.addIssue({ code: 'custom', message: 'must name a "peering" or a "ccn"', path: ['peering'] });
    } else if (sample.regions === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'a CCN sample must name its two "regions"',
        path: ['regions'],
      });
    }
  });

export const ccnFileSchema = z.strictObject({
  id,
  name: text().optional(),
  account: id,
  qosLevel: ccnQosLevel.optional(),
  chargeType: ccnChargeType.optional(),
  bandwidthLimitType: z.enum(CCN_BANDWIDTH_LIMIT_TYPES as [string, ...string[]]).optional(),
  attachments: z
    .array(
      z.strictObject({
        vpc: id,
        state: z.enum(CCN_ATTACHMENT_STATES as [string, ...string[]]).optional(),
        attachedAt: date.optional(),
        publish: z.enum(CCN_PUBLISH_MODES as [string, ...string[]]).optional(),
      }),
    )
    .optional(),
  bandwidthLimits: z
    .array(
      z.strictObject({ region: text(), dstRegion: text().optional(), mbps: z.number().finite().positive() }),
    )
    .optional(),
  expectedP95: z.array(z.strictObject({ regions: regionPair, mbps })).optional(),
});

const accountSchema = z.strictObject({
  id,
  name: text().optional(),
  own: z.boolean().optional(),
  trusted: z.boolean().optional(),
});

export const planFileSchema = z
  .strictObject({
    format: z.literal(PLAN_FORMAT, { error: `must be "${PLAN_FORMAT}"` }),
    name: text(),
    asOf: date.optional(),
    settings: z
      .strictObject({
        freeBandwidthMbps: mbps.optional(),
        billingTimeZone: text().regex(OFFSET_PATTERN, 'must be an offset ±HH:MM').optional(),
      })
      .optional(),
    accounts: z.array(accountSchema),
    vpcs: z.array(vpcSchema),
    peerings: z.array(peeringSchema).optional(),
    traffic: z.array(trafficSampleSchema).optional(),
    prices: priceCatalogSchema.nullable().optional(),
    ccns: z.array(ccnFileSchema).optional(),
  })
  // Every string well-formed Unicode (text/unicode.ts), checked in one walk over the plan rather
  // than by a refinement on each of its hundreds of thousands of strings.
  .superRefine((plan, context) => {
    const path = pathOfLoneSurrogate(plan);
    if (path) context.addIssue({ code: 'custom', message: LONE_SURROGATE_MESSAGE, path });
  });

/** A plan file as written: optional fields may be missing. */
export type PlanFile = z.infer<typeof planFileSchema>;
