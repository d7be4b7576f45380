/**
 * What a selected id is in the plan. Findings name any object (a subnet, a route as
 * `<routeTableId>#<index>`, a CCN attachment as `<ccnId>@<vpcId>`); the canvas draws VPCs,
 * peerings, CCN hubs and attachments, so each object also has the canvas element that stands for it.
 */
import type {
  Account,
  Ccn,
  CcnAttachment,
  Peering,
  Plan,
  RouteTable,
  Subnet,
  Vpc,
} from '../../../shared/plan/model';

export type Resolved =
  | { readonly kind: 'vpc'; readonly vpc: Vpc }
  | { readonly kind: 'peering'; readonly peering: Peering }
  | { readonly kind: 'subnet'; readonly vpc: Vpc; readonly subnet: Subnet }
  | { readonly kind: 'routeTable'; readonly vpc: Vpc; readonly table: RouteTable }
  | { readonly kind: 'route'; readonly vpc: Vpc; readonly table: RouteTable; readonly index: number }
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'ccn'; readonly ccn: Ccn }
  /** `member`: the attached VPC when the plan has it. */
  | {
      readonly kind: 'ccnAttachment';
      readonly ccn: Ccn;
      readonly attachment: CcnAttachment;
      readonly member: Vpc | null;
    };

export function resolveId(plan: Plan, id: string): Resolved | null {
  const vpc = plan.vpcs.find((v) => v.id === id);
  if (vpc) return { kind: 'vpc', vpc };
  const peering = plan.peerings.find((p) => p.id === id);
  if (peering) return { kind: 'peering', peering };
  const account = plan.accounts.find((a) => a.id === id);
  if (account) return { kind: 'account', account };
  const ccn = plan.ccns.find((c) => c.id === id);
  if (ccn) return { kind: 'ccn', ccn };
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
  const at = id.lastIndexOf('@');
  if (at > 0) {
    const attachedTo = plan.ccns.find((c) => c.id === id.slice(0, at));
    const vpcId = id.slice(at + 1);
    const attachment = attachedTo?.attachments.find((a) => a.vpc === vpcId);
    if (attachedTo && attachment)
      return {
        kind: 'ccnAttachment',
        ccn: attachedTo,
        attachment,
        member: plan.vpcs.find((v) => v.id === vpcId) ?? null,
      };
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
    case 'ccn':
      return resolved.ccn.id;
    case 'ccnAttachment':
      // Drawn when both ends are: a VPC the plan lacks is listed in Findings only.
      return resolved.member ? id : resolved.ccn.id;
    default:
      return resolved.vpc.id;
  }
}

/**
 * A selected ID after renaming `from` to `to`: the object itself, a route `<table>#<i>` of a
 * renamed table, or an attachment `<ccn>@<vpc>` of a renamed CCN or VPC.
 */
export function renamedSubject(id: string, from: string, to: string): string {
  if (id === from) return to;
  if (id.startsWith(`${from}#`)) return `${to}${id.slice(from.length)}`;
  const at = id.lastIndexOf('@');
  if (at > 0) {
    const ccn = id.slice(0, at);
    const vpc = id.slice(at + 1);
    if (ccn === from || vpc === from) return `${ccn === from ? to : ccn}@${vpc === from ? to : vpc}`;
  }
  return id;
}
