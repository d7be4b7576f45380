import { asPlanFile } from '../../shared/plan/as-file';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPlanError, parsePlanText } from '../../shared/plan/parse';
import { normalizePlan } from '../../shared/plan/normalize';
import { planFileSchema } from '../../shared/plan/schema';

const TODAY = '2026-11-26';
const examples = new URL('../../shared/examples/', import.meta.url);
const quickstart = readFileSync(new URL('quickstart.json', examples), 'utf8');
const shanghai = readFileSync(new URL('shanghai-hub.json', examples), 'utf8');

function refusal(text: string) {
  const result = parsePlanText(text, { today: TODAY });
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

const minimal = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'peerplan/1',
    name: 'p',
    accounts: [{ id: 'a1' }, { id: 'a2', own: false }],
    vpcs: [
      { id: 'v1', account: 'a1', region: 'ap-guangzhou', cidr: '10.0.0.0/16' },
      {
        id: 'v2',
        account: 'a1',
        region: 'ap-beijing',
        cidr: '10.1.0.0/16',
        routeTables: [
          { id: 't1', routes: [{ destination: '10.0.0.0/16', nextHop: { type: 'peering', id: 'p1' } }] },
          { id: 't2', default: true },
        ],
        subnets: [
          { id: 's1', cidr: '10.1.0.0/24' },
          { id: 's2', cidr: '10.1.1.0/24', routeTable: 't1' },
        ],
      },
      {
        id: 'v3',
        account: 'a2',
        region: 'ap-beijing',
        cidr: '10.2.0.0/16',
        routeTables: [{ id: 't3' }],
        subnets: [{ id: 's3', cidr: '10.2.0.0/24' }],
      },
    ],
    peerings: [
      { id: 'p1', requester: 'v1', accepter: 'v2' },
      { id: 'p2', requester: 'v2', accepter: 'v3' },
    ],
    ...extra,
  });

describe('parsePlanText: valid files', () => {
  it('reads the examples', () => {
    expect(parsePlanText(quickstart, { today: TODAY }).ok).toBe(true);
    expect(parsePlanText(shanghai, { today: TODAY }).ok).toBe(true);
  });

  it('applies every default of the plan format', () => {
    const result = parsePlanText(minimal(), { today: '2030-01-02' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = result.plan;
    expect(plan.asOf).toBe('2030-01-02');
    expect(plan.settings).toEqual({ freeBandwidthMbps: 0, billingTimeZone: '+08:00' });
    expect(plan.accounts).toEqual([
      { id: 'a1', name: 'a1', own: true, trusted: true },
      { id: 'a2', name: 'a2', own: false, trusted: false },
    ]);
    const [v1, v2, v3] = plan.vpcs;
    expect(v1).toMatchObject({
      name: 'v1',
      secondaryCidrs: [],
      peeringQuota: 10,
      routeTables: [],
      subnets: [],
    });
    expect(v2!.routeTables.map((t) => [t.id, t.default, t.name])).toEqual([
      ['t1', false, 't1'],
      ['t2', true, 't2'],
    ]);
    expect(v2!.routeTables[0]!.routes[0]!.enabled).toBe(true);
    // The default table is the one marked default, not the first.
    expect(v2!.subnets.map((s) => s.routeTable)).toEqual(['t2', 't1']);
    // No table marked default: the first table stands in.
    expect(v3!.subnets[0]!.routeTable).toBe('t3');
    expect(v1!.subnets).toEqual([]);
    expect(plan.peerings.map((p) => p.state)).toEqual(['active', 'pending']);
    expect(plan.peerings[0]).toMatchObject({
      name: 'p1',
      bandwidthQuotaMbps: 1000,
      chargeType: 'daily-peak',
    });
    expect(plan.traffic).toEqual([]);
    expect(plan.prices).toBeNull();
  });

  it('keeps explicit values', () => {
    const result = parsePlanText(
      minimal({ asOf: '2026-01-01', settings: { freeBandwidthMbps: 10, billingTimeZone: '+00:00' } }),
      { today: TODAY },
    );
    expect(result.ok && result.plan.asOf).toBe('2026-01-01');
    expect(result.ok && result.plan.settings).toEqual({ freeBandwidthMbps: 10, billingTimeZone: '+00:00' });
  });

  it('is idempotent: a normalised plan re-read is identical and passes the schema', () => {
    for (const text of [quickstart, shanghai, minimal()]) {
      const first = parsePlanText(text, { today: TODAY });
      if (!first.ok) throw new Error(first.error.message);
      const written = JSON.stringify(asPlanFile(first.plan));
      expect(planFileSchema.safeParse(JSON.parse(written)).success).toBe(true);
      const second = parsePlanText(written, { today: '1999-01-01' });
      expect(second.ok && second.plan).toEqual(first.plan);
      expect(JSON.stringify(second.ok && asPlanFile(second.plan))).toBe(written);
      expect(normalizePlan(planFileSchema.parse(JSON.parse(written)), { today: TODAY })).toEqual(first.plan);
    }
  });
});

describe('parsePlanText: refusals', () => {
  it('a JSON syntax error names line and column', () => {
    const error = refusal('{\n  "format": "peerplan/1",\n  "name": oops\n}');
    expect(error).toMatchObject({ line: 3, column: 11 });
    expect(formatPlanError('plan.json', error)).toMatch(/^plan\.json:3:11: JSON syntax error/);
  });

  it('a trailing comma is a syntax error', () => {
    const error = refusal(quickstart.replace('"traffic": []', '"traffic": [],'));
    expect(error.message).toContain('trailing comma');
    expect(error.line).toBeGreaterThan(1);
  });

  it('an unknown field names the key, its path and position', () => {
    const error = refusal(quickstart.replace('"zone": "ap-beijing-5"', '"zone": "ap-beijing-5", "zonne": 1'));
    expect(error.path).toBe('vpcs[1].subnets[0].zonne');
    expect(error.message).toContain('"zonne"');
    expect(formatPlanError('q.json', error)).toMatch(
      /^q\.json:\d+:\d+: vpcs\[1\]\.subnets\[0\]\.zonne: unknown field/,
    );
  });

  it('a wrong type names the path', () => {
    const error = refusal(quickstart.replace('"cidr": "10.0.1.0/24"', '"cidr": 10'));
    expect(error.path).toBe('vpcs[1].subnets[0].cidr');
    expect(error.message).toMatch(/expected string, got number 10/);
    expect(error.line).toBeDefined();
  });

  it('a missing required field names the path', () => {
    const error = refusal(quickstart.replace('"region": "ap-beijing",', ''));
    expect(error.path).toBe('vpcs[1].region');
    expect(error.message).toMatch(/missing required field/);
  });

  it('a wrong format says what was expected and what was found', () => {
    const error = refusal(quickstart.replace('"peerplan/1"', '"peerplan/2"'));
    expect(formatPlanError('q.json', error)).toMatch(
      /^q\.json:2:\d+: format: expected "peerplan\/1", got "peerplan\/2"/,
    );
    expect(refusal('{"name": "x"}').path).toBe('format');
    expect(refusal('[]').message).toMatch(/expected a plan object/);
  });

  it('an error message is one line', () => {
    const error = refusal(quickstart.replace('"state": "active"', '"state": "up"'));
    expect(formatPlanError('q.json', error)).not.toMatch(/\n/);
    expect(error.path).toBe('peerings[0].state');
  });
});
