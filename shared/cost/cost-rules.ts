/**
 * The cost rules TRAFFIC_OVER_BANDWIDTH and PRICE_ON_REQUEST (rules.md), as a rule of
 * validatePlan: they come from the cost engine.
 */
import type { Rule } from '../rules/context';
import { costFindings } from './costs';

export const checkCosts: Rule = (context) => costFindings(context.plan);
