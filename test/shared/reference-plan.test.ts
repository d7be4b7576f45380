/**
 * The benchmark's reference plan stays what the benchmark claims: the sizes of issue 2, a valid
 * plan file, deterministic, and mostly valid with a few of the usual mistakes.
 */
import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../../shared/plan/parse';
import { summarizeFindings } from '../../shared/rules/finding';
import { STATIC_RULES, validatePlan } from '../../shared/rules/validate';
import { referencePlanText } from '../bench/reference-plan';

describe('the benchmark reference plan', { timeout: 120_000 }, () => {
  it('has the agreed sizes, parses, and is the same every time', () => {
    const text = referencePlanText();
    expect(referencePlanText()).toBe(text);
    const result = parsePlanText(text, { today: '2026-11-26' });
    if (!result.ok) throw new Error(result.error.message);
    const { plan } = result;
    expect(plan.vpcs).toHaveLength(3000);
    expect(plan.vpcs.reduce((n, v) => n + v.subnets.length, 0)).toBe(12000);
    expect(plan.peerings).toHaveLength(5000);
    expect(plan.vpcs.reduce((n, v) => n + v.routeTables.reduce((m, t) => m + t.routes.length, 0), 0)).toBe(
      40000,
    );

    const findings = validatePlan(plan, STATIC_RULES);
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['SUBNET_OVERLAP', 'PEERS_OVERLAP', 'ROUTE_TRANSITIVE', 'ROUTE_DUPLICATE'] as const) {
      expect(codes).toContain(code);
    }
    // Mostly valid: errors touch well under 1% of the routes.
    expect(summarizeFindings(findings).errors).toBeLessThan(400);
  });
});
