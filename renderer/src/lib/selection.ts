/**
 * What a selected id is in the plan. Findings name any object (a subnet, a route as
 * `<routeTableId>#<index>`); the canvas draws VPCs and peerings, so each object also has the
 * canvas element that stands for it.
 */
import type { Account, Peering, Plan, RouteTable, Subnet, Vpc } from '../../../shared/plan/model';

export type Resolved =
  | { readonly kind: 'vpc'; readonly vpc: Vpc }
  | { readonly kind: 'peering'; readonly peering: Peering }
  | { readonly kind: 'subnet'; readonly vpc: Vpc; readonly subnet: Subnet }
  | { readonly kind: 'routeTable'; readonly vpc: Vpc; readonly table: RouteTable }
  | { readonly kind: 'route'; readonly vpc: Vpc; readonly table: RouteTable; readonly index: number }
  | { readonly kind: 'account'; readonly account: Account };

export function resolveId(plan: Plan, id: string): Resolved | null {
  const vpc = plan.vpcs.find((v) => v.id === id);
  if (vpc) return { kind: 'vpc', vpc };
  const peering = plan.peerings.find((p) => p.id === id);
  if (peering) return { kind: 'peering', peering };
  const account = plan.accounts.find((a) => a.id === id);
  if (account) return { kind: 'account', account };
  const hash = id.lastIndexOf('#');
  const tableId = hash > 0 ? id.slice(0, hash) : null;
  for (const v of plan.vpcs) {
    const subnet = v.subnets.find((s) => s.id === id);
    if (subnet) return { kind: 'subnet', vpc: v, subnet };
    const table = v.routeTables.find((t) => t.id === id);
    if (table) return { kind: 'routeTable', vpc: v, table };
    if (tableId !== null) {
      const owner = v.routeTables.find((t) => t.id === tableId);
      if (owner) return { kind: 'route', vpc: v, table: owner, index: Number(id.slice(hash + 1)) };
    }
  }
  return null;
}

/** The canvas element (a VPC or a peering id) that stands for a plan object, if any. */
export function canvasIdOf(plan: Plan, id: string): string | null {
  const resolved = resolveId(plan, id);
  if (!resolved) return null;
  switch (resolved.kind) {
    case 'vpc':
      return resolved.vpc.id;
    case 'peering':
      return resolved.peering.id;
    case 'account':
      return null;
    default:
      return resolved.vpc.id;
  }
}
