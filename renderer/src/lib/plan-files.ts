/**
 * Plan files in the renderer, loaded on first use: the parser (a reviewer's copy to compare) and
 * the shipped examples (the start screen), both checked against the plan schema. They bring zod
 * and the examples' data, which the page needs for nothing else, so both stay out of the main
 * chunk (issue 16). zod-jitless comes first, so zod is configured before any schema is used.
 */
import './zod-jitless';

export { examplePlans } from '../../../shared/examples';
export { formatPlanError, parsePlanText } from '../../../shared/plan/parse';
