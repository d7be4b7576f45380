/**
 * The fast plan-file check (shared/plan/fast-shape.ts) must never accept what the schema
 * refuses, and a plan normalised from the raw value must equal one normalised from zod's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPlanFileShape } from '../../shared/plan/fast-shape';
import { normalizePlan } from '../../shared/plan/normalize';
import { parsePlanText } from '../../shared/plan/parse';
import { planFileSchema } from '../../shared/plan/schema';
import { referencePlanFile } from '../bench/reference-plan';

const TODAY = '2026-11-26';
const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../shared/examples/${name}.json`, import.meta.url), 'utf8'));

/** A small valid plan with every optional field of the fast path set. */
function fullPlan(): Record<string, unknown> {
  return {
    format: 'peerplan/1',
    name: 'full',
    asOf: '2026-11-20',
    settings: { freeBandwidthMbps: 5, billingTimeZone: '+08:00' },
    accounts: [{ id: '1', name: 'one', own: true, trusted: false }],
    vpcs: [
      {
        id: 'vpc-a',
        name: 'a',
        account: '1',
        region: 'ap-guangzhou',
        cidr: '10.0.0.0/16',
        secondaryCidrs: ['10.1.0.0/16'],
        peeringQuota: 20,
        routeTables: [
          {
            id: 'rtb-a',
            name: 'main',
            default: true,
            routes: [
              {
                destination: '0.0.0.0/0',
                nextHop: { type: 'nat', id: 'nat-1' },
                enabled: false,
                description: 'egress',
              },
            ],
          },
        ],
        subnets: [
          { id: 'sn-a', name: 'app', cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3', routeTable: 'rtb-a' },
        ],
      },
      { id: 'vpc-b', account: '1', region: 'ap-shanghai', cidr: '10.2.0.0/16' },
    ],
    peerings: [
      {
        id: 'pcx-1',
        name: 'ab',
        requester: 'vpc-a',
        accepter: 'vpc-b',
        state: 'pending',
        requestedAt: '2026-11-19',
        bandwidthMbps: 100,
        bandwidthQuotaMbps: 1000,
        chargeType: 'monthly-p95',
        expectedPeakMbps: 0,
      },
    ],
    traffic: [{ peering: 'pcx-1', at: '2026-11-20T10:00:00+08:00', inMbps: 1, outMbps: 2.5 }],
    prices: null,
  };
}

function expectSameAsSchema(value: unknown): void {
  expect(isPlanFileShape(value)).toBe(true);
  const checked = planFileSchema.safeParse(value);
  expect(checked.success).toBe(true);
  expect(normalizePlan(value as never, { today: TODAY })).toEqual(
    normalizePlan(checked.data!, { today: TODAY }),
  );
}

/** Every way to break one field of `value`: drop it, or replace it with a value of another type. */
function* mutations(value: unknown, path: (string | number)[] = []): Generator<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    for (const replacement of [undefined, '', 'x', -1, 1.5, 0, true, null, [], {}]) {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      if (replacement === undefined) delete copy[key];
      else copy[key] = replacement;
      yield [[...path, key].join('.'), copy];
    }
    for (const [where, mutated] of mutations(child, [...path, key])) {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      copy[key] = mutated;
      yield [where, copy];
    }
  }
  if (!Array.isArray(value)) {
    yield [[...path, 'unknownField'].join('.'), { ...value, unknownField: 1 }];
  }
}

describe('fast plan-file check', () => {
  it('accepts the examples, the reference plan and a plan with every optional field, as the schema does', () => {
    expectSameAsSchema(example('quickstart'));
    expectSameAsSchema(example('shanghai-hub'));
    expectSameAsSchema(referencePlanFile());
    expectSameAsSchema(fullPlan());
  });

  it('never accepts a value the schema refuses (every one-field mutation of a full plan)', () => {
    let refused = 0;
    const plan = fullPlan();
    for (const [, mutated] of mutations(plan)) {
      // Mutations are built on whole copies; check each against both.
      const schemaOk = planFileSchema.safeParse(mutated).success;
      if (!schemaOk) {
        refused++;
        expect(isPlanFileShape(mutated)).toBe(false);
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('parsePlanText (adopting the file objects) gives the plan normalizePlan builds by copying', () => {
    for (const file of [fullPlan(), example('shanghai-hub'), referencePlanFile()]) {
      const text = JSON.stringify(file);
      const parsed = parsePlanText(text, { today: TODAY });
      const copied = normalizePlan(planFileSchema.parse(JSON.parse(text)), { today: TODAY });
      expect(parsed).toEqual({ ok: true, plan: copied });
    }
  });

  it('leaves a price catalogue to the schema', () => {
    const withPrices = { ...fullPlan(), prices: { currency: 'CNY', mainlandRegions: [], mainland: {} } };
    expect(isPlanFileShape(withPrices)).toBe(false);
  });
});
