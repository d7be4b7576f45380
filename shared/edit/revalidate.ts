/**
 * Validation for the editor, placeholder: full validation memoised by plan identity.
 * (Replaced below by the incremental validator.)
 */
import type { Plan } from '../plan/model';
import type { Finding } from '../rules/finding';
import { validatePlan } from '../rules/validate';

export class IncrementalValidator {
  private lastPlan: Plan | null = null;
  private lastFindings: Finding[] = [];

  validate(plan: Plan): Finding[] {
    if (plan === this.lastPlan) return this.lastFindings;
    this.lastFindings = validatePlan(plan);
    this.lastPlan = plan;
    return this.lastFindings;
  }
}
