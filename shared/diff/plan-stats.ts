/**
 * The figures a plan's history shows beside each revision: its size, its error and warning
 * findings, and its monthly cost (the sum over paying accounts; null when a price is on request).
 */
import { computeCosts } from '../cost/costs';
import type { Plan } from '../plan/model';
import type { Finding } from '../rules/finding';
import { summarizeFindings } from '../rules/finding';
import { validatePlan } from '../rules/validate';

export interface PlanStats {
  readonly vpcs: number;
  readonly peerings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly currency: 'CNY';
  /** CNY per month over every paying account; null when one of the prices is on request. */
  readonly monthlyCost: number | null;
}

export function planStats(plan: Plan, findings: readonly Finding[] = validatePlan(plan)): PlanStats {
  const { errors, warnings } = summarizeFindings(findings);
  const costs = computeCosts(plan);
  let monthly: number | null = 0;
  // Peerings only (CNY): CCN costs are in USD and never added to them.
  for (const payer of costs.payers.filter((p) => p.currency === 'CNY'))
    monthly = monthly === null || payer.monthlyCost === null ? null : monthly + payer.monthlyCost;
  return {
    vpcs: plan.vpcs.length,
    peerings: plan.peerings.length,
    errors,
    warnings,
    currency: costs.currency,
    monthlyCost: monthly === null ? null : Math.round(monthly * 100) / 100,
  };
}
