import type { RouteTable, Vpc } from '../plan/model';

/**
 * The VPC's default route table as the normaliser chose it (the first marked default, else the
 * first table): the one the cloud creates with the VPC, so exports refer to it instead of
 * creating it.
 */
export function defaultRouteTableOf(vpc: Vpc): RouteTable | undefined {
  return vpc.routeTables.find((t) => t.default) ?? vpc.routeTables[0];
}
