/**
 * A normalised plan as a value of the plan file schema, without copying it: the normalised plan
 * has every file field already (defaults written out), and keeps CCN samples apart from peering
 * samples, where the file keeps both in `traffic`. Only that list is rebuilt, and only when the
 * plan has CCN samples. Used where a plan crosses a boundary checked by the file schema (the
 * save over IPC, the library's check on read).
 */
import type { Plan } from './model';
import type { PlanFile } from './schema';

export function asPlanFile(plan: Plan): PlanFile {
  const { ccnTraffic, ...rest } = plan;
  const file = ccnTraffic.length === 0 ? rest : { ...rest, traffic: [...rest.traffic, ...ccnTraffic] };
  return file as unknown as PlanFile;
}
