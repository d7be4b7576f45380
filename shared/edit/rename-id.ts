/**
 * Renaming an object's ID: the object and every reference to it change together, in one edit
 * whose inverse is the rename back (the new ID was free, so the way back is exact). What refers
 * to what (plan-format.md, ccn.md): a VPC names its account; a peering its two VPCs; a subnet its
 * route table; a `peering` route its peering; a traffic sample its peering; a CCN its account and
 * its attached VPCs; a `ccn` route and a CCN traffic sample their CCN. Other next-hop types carry
 * the cloud's own IDs and are not plan objects. A route has no ID of its own (`<tableId>#<i>`
 * follows its table).
 */
import type { Plan } from '../plan/model';
import { EditError } from './operations';
import type { Edit } from './operations';
import { allIds } from './workflow';
import type { LabelledEdit } from './workflow';

/** IDs longer than this are refused (the cloud's IDs are short; a pasted paragraph is a mistake). */
export const MAX_ID_LENGTH = 128;

/** Why `to` cannot replace `from`, or null when it can. */
export function renameIdProblem(plan: Plan, from: string, to: string): string | null {
  if (to === from) return 'The ID is unchanged.';
  if (to.trim() === '') return 'An ID cannot be empty.';
  if (to !== to.trim()) return 'An ID cannot start or end with a space.';
  if (to.length > MAX_ID_LENGTH) return `An ID is at most ${MAX_ID_LENGTH} characters.`;
  if (to.includes('#')) return 'An ID cannot contain "#" (route IDs are <routeTableId>#<index>).';
  if (to.includes('@')) return 'An ID cannot contain "@" (a CCN attachment is <ccnId>@<vpcId>).';
  const ids = allIds(plan);
  if (!ids.has(from)) return `Nothing has the ID "${from}".`;
  if (ids.has(to)) return `"${to}" is already the ID of another object.`;
  return null;
}

/** The rename as one undoable step; refused (EditError) when `renameIdProblem` says why. */
export function renameId(plan: Plan, from: string, to: string): LabelledEdit {
  const problem = renameIdProblem(plan, from, to);
  if (problem) throw new EditError(problem);
  return { label: `Rename ID ${from} to ${to}`, edit: { kind: 'id.rename', from, to } };
}

/** Applies the rename everywhere; objects without the ID keep their identity. */
export function applyIdRename(plan: Plan, from: string, to: string): { plan: Plan; inverse: Edit } {
  const problem = renameIdProblem(plan, from, to);
  if (problem) throw new EditError(problem);
  const swap = (id: string): string => (id === from ? to : id);
  // A `ccn` next hop is a plan reference only when a CCN of the plan has that ID.
  const hopType = plan.peerings.some((p) => p.id === from)
    ? 'peering'
    : plan.ccns.some((c) => c.id === from)
      ? 'ccn'
      : null;
  const namesFrom = (r: { nextHop: { type: string; id: string } }): boolean =>
    r.nextHop.type === hopType && r.nextHop.id === from;
  const accounts = plan.accounts.map((a) => (a.id === from ? { ...a, id: to } : a));
  const vpcs = plan.vpcs.map((vpc) => {
    const touched =
      vpc.id === from ||
      vpc.account === from ||
      vpc.subnets.some((s) => s.id === from || s.routeTable === from) ||
      vpc.routeTables.some((t) => t.id === from || t.routes.some(namesFrom));
    if (!touched) return vpc;
    return {
      ...vpc,
      id: swap(vpc.id),
      account: swap(vpc.account),
      subnets: vpc.subnets.map((s) =>
        s.id === from || s.routeTable === from
          ? {
              ...s,
              id: swap(s.id),
              ...(s.routeTable !== undefined ? { routeTable: swap(s.routeTable) } : {}),
            }
          : s,
      ),
      routeTables: vpc.routeTables.map((t) =>
        t.id === from || t.routes.some(namesFrom)
          ? {
              ...t,
              id: swap(t.id),
              routes: t.routes.map((r) => (namesFrom(r) ? { ...r, nextHop: { ...r.nextHop, id: to } } : r)),
            }
          : t,
      ),
    };
  });
  const peerings = plan.peerings.map((p) =>
    p.id === from || p.requester === from || p.accepter === from
      ? { ...p, id: swap(p.id), requester: swap(p.requester), accepter: swap(p.accepter) }
      : p,
  );
  const traffic = plan.traffic.some((t) => t.peering === from)
    ? plan.traffic.map((t) => (t.peering === from ? { ...t, peering: to } : t))
    : plan.traffic;
  const namesCcn = (c: Plan['ccns'][number]): boolean =>
    c.id === from || c.account === from || c.attachments.some((a) => a.vpc === from);
  const ccns = !plan.ccns.some(namesCcn)
    ? plan.ccns
    : plan.ccns.map((c) =>
        namesCcn(c)
          ? {
              ...c,
              id: swap(c.id),
              account: swap(c.account),
              attachments: c.attachments.map((a) => (a.vpc === from ? { ...a, vpc: to } : a)),
            }
          : c,
      );
  const ccnTraffic = plan.ccnTraffic.some((t) => t.ccn === from)
    ? plan.ccnTraffic.map((t) => (t.ccn === from ? { ...t, ccn: to } : t))
    : plan.ccnTraffic;
  return {
    plan: { ...plan, accounts, vpcs, peerings, traffic, ccns, ccnTraffic },
    inverse: { kind: 'id.rename', from: to, to: from },
  };
}
