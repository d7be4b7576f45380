/**
 * Incremental validation for the editor: after an edit, only the neighbourhood of what changed
 * is validated again; the findings of the rest of the plan are kept.
 *
 * Plans are immutable and edits share every untouched object, so the changed VPCs and peerings
 * are found by object identity. Every rule looks at most two peering hops away from an object
 * (PEERS_OVERLAP: a VPC, its peer, and the peer's other peers), plus a few global lookups that
 * are added explicitly (the VPCs a route destination falls in, the VPCs of one account in one
 * region). So:
 *
 *   seed     = the changed VPCs, and both ends of every changed peering;
 *   owned    = the seed, its peerings, and (when addresses or peerings changed) its peers and
 *              the VPCs whose routes point into a changed address block: their findings are
 *              recomputed;
 *   context  = owned, plus two hops of peers, the ends of the peerings their routes use, the
 *              VPCs their route destinations fall in, and their account-region groups: enough
 *              for every rule to see what it needs about an owned object.
 *
 * The rules run on a sub-plan of the context (far VPCs without their subnets and tables, which
 * no rule about an owned object reads); findings naming an owned object replace the old ones
 * naming an owned object. Anything global (planning date, settings, accounts, prices, traffic,
 * duplicate ids) falls back to a full validation.
 */
import { tryParseCidr } from '../net/cidr';
import type { Cidr } from '../net/cidr';
import type { Peering, Plan, Vpc } from '../plan/model';
import { routeId } from '../plan/model';
import type { Finding } from '../rules/finding';
import { validatePlan } from '../rules/validate';

export interface ValidationStats {
  /** 'full' or 'incremental'. */
  readonly mode: 'full' | 'incremental';
  /** VPCs in the validated sub-plan (the whole plan for a full validation). */
  readonly vpcs: number;
  readonly milliseconds: number;
}

/** Above this share of the plan in the context, a full validation is as cheap. */
const FULL_FRACTION = 0.5;

export class IncrementalValidator {
  private lastPlan: Plan | null = null;
  private lastFindings: Finding[] = [];
  lastStats: ValidationStats | null = null;

  /**
   * @param validate the full rule set (validatePlan)
   * @param fullFraction above this share of the plan's VPCs in the context, validate in full
   */
  constructor(
    private readonly validate: (plan: Plan) => Finding[] = validatePlan,
    private readonly fullFraction = FULL_FRACTION,
  ) {}

  /** The findings of `plan`: incremental from the previous call's plan when possible. */
  findings(plan: Plan): Finding[] {
    if (plan === this.lastPlan) return this.lastFindings;
    const started = now();
    const previous = this.lastPlan;
    let result: { findings: Finding[]; vpcs: number } | null = null;
    if (previous) result = this.incremental(previous, this.lastFindings, plan);
    const mode = result ? 'incremental' : 'full';
    if (!result) result = { findings: this.validate(plan), vpcs: plan.vpcs.length };
    this.lastPlan = plan;
    this.lastFindings = result.findings;
    this.lastStats = { mode, vpcs: result.vpcs, milliseconds: now() - started };
    return result.findings;
  }

  /** Kept for callers of the first version. */
  validatePlan(plan: Plan): Finding[] {
    return this.findings(plan);
  }

  private incremental(
    before: Plan,
    beforeFindings: readonly Finding[],
    after: Plan,
  ): { findings: Finding[]; vpcs: number } | null {
    if (
      before.asOf !== after.asOf ||
      before.settings !== after.settings ||
      before.accounts !== after.accounts ||
      before.prices !== after.prices ||
      before.traffic !== after.traffic ||
      before.format !== after.format
    ) {
      return null;
    }
    if (beforeFindings.some((f) => f.code === 'ID_DUPLICATE')) return null;

    // 1. What changed, by identity.
    const beforeVpcs = byId(before.vpcs);
    const afterVpcs = byId(after.vpcs);
    if (!beforeVpcs || !afterVpcs) return null; // duplicate ids: let the full rules report them
    const changedVpcs = new Set<string>();
    let addressesChanged = false;
    let structureChanged = false;
    const changedBlocks: Cidr[] = [];
    if (before.vpcs !== after.vpcs) {
      for (const [id, vpc] of afterVpcs) {
        const old = beforeVpcs.get(id);
        if (old === vpc) continue;
        changedVpcs.add(id);
        if (!old || old.cidr !== vpc.cidr || !sameList(old.secondaryCidrs, vpc.secondaryCidrs)) {
          addressesChanged = true;
          collectBlocks(old, changedBlocks);
          collectBlocks(vpc, changedBlocks);
        }
        if (!old || old.account !== vpc.account || old.region !== vpc.region) structureChanged = true;
      }
      for (const [id, old] of beforeVpcs) {
        if (!afterVpcs.has(id)) {
          changedVpcs.add(id);
          addressesChanged = true;
          structureChanged = true;
          collectBlocks(old, changedBlocks);
        }
      }
    }
    const beforePeerings = byId(before.peerings);
    const afterPeerings = byId(after.peerings);
    if (!beforePeerings || !afterPeerings) return null;
    const changedPeerings = new Set<string>();
    if (before.peerings !== after.peerings) {
      for (const [id, peering] of afterPeerings) {
        const old = beforePeerings.get(id);
        if (old === peering) continue;
        changedPeerings.add(id);
        if (
          !old ||
          old.state !== peering.state ||
          old.requester !== peering.requester ||
          old.accepter !== peering.accepter
        ) {
          structureChanged = true;
        }
        for (const end of [peering.requester, peering.accepter, old?.requester, old?.accepter]) {
          if (end !== undefined) changedVpcs.add(end);
        }
      }
      for (const [id, old] of beforePeerings) {
        if (afterPeerings.has(id)) continue;
        changedPeerings.add(id);
        structureChanged = true;
        changedVpcs.add(old.requester);
        changedVpcs.add(old.accepter);
      }
    }
    if (changedVpcs.size === 0 && changedPeerings.size === 0)
      return { findings: [...beforeFindings], vpcs: 0 };

    // 2. Owned: the seed, its peers when the peering graph or addresses changed, and the VPCs
    //    whose routes point into a changed block.
    const adjacency = peeringsByVpc(after.peerings, before.peerings, changedPeerings);
    const owned = new Set(changedVpcs);
    if (addressesChanged || structureChanged) {
      for (const id of changedVpcs) for (const p of adjacency.get(id) ?? []) owned.add(otherEnd(p, id));
    }
    if (addressesChanged) {
      for (const vpc of after.vpcs) {
        if (owned.has(vpc.id)) continue;
        if (routesHit(vpc, changedBlocks)) owned.add(vpc.id);
      }
    }

    // 3. Context: two hops of peers, route next hops and destinations, account-region groups.
    const full = new Set<string>(owned);
    for (const id of owned) for (const p of adjacency.get(id) ?? []) full.add(otherEnd(p, id));
    const context = new Set<string>(full);
    for (const id of full) for (const p of adjacency.get(id) ?? []) context.add(otherEnd(p, id));
    const vpcIndex = new VpcBlockIndex(after.vpcs);
    const groups = new Set<string>();
    for (const id of owned) {
      const vpc = afterVpcs.get(id) ?? beforeVpcs.get(id);
      if (vpc) groups.add(`${vpc.account}\u0000${vpc.region}`);
    }
    for (const vpc of after.vpcs) if (groups.has(`${vpc.account}\u0000${vpc.region}`)) context.add(vpc.id);
    const extraPeerings = new Set<string>();
    for (const id of full) {
      const vpc = afterVpcs.get(id);
      if (!vpc) continue;
      for (const table of vpc.routeTables) {
        for (const route of table.routes) {
          if (route.nextHop.type === 'peering') {
            const peering = afterPeerings.get(route.nextHop.id);
            if (peering) {
              extraPeerings.add(peering.id);
              context.add(peering.requester);
              context.add(peering.accepter);
            }
          }
          const destination = parseCached(route.destination);
          if (destination) for (const hit of vpcIndex.overlapping(destination)) context.add(hit);
        }
      }
    }
    if (context.size > after.vpcs.length * this.fullFraction) return null;

    // 4. The sub-plan: full VPCs keep their subnets and tables; the far ones only their addresses.
    const subVpcs: Vpc[] = [];
    for (const vpc of after.vpcs) {
      if (!context.has(vpc.id)) continue;
      subVpcs.push(full.has(vpc.id) ? vpc : stripped(vpc));
    }
    const subPeerings: Peering[] = [];
    for (const peering of after.peerings) {
      const inside = context.has(peering.requester) && context.has(peering.accepter);
      const touchesFull = full.has(peering.requester) || full.has(peering.accepter);
      if (
        (inside && touchesFull) ||
        extraPeerings.has(peering.id) ||
        (touchesFull && !inside && isDangling(peering, afterVpcs))
      ) {
        subPeerings.push(peering);
      }
    }
    const subPeeringIds = new Set(subPeerings.map((p) => p.id));
    const subPlan: Plan = {
      ...after,
      vpcs: subVpcs,
      peerings: subPeerings,
      traffic: after.traffic.filter((sample) => subPeeringIds.has(sample.peering)),
    };

    // 5. Merge: owned objects' findings come from the sub-plan, the others stay.
    const ownedIds = new Set<string>();
    for (const id of owned) {
      ownedIds.add(id);
      for (const vpc of [beforeVpcs.get(id), afterVpcs.get(id)]) if (vpc) addChildIds(vpc, ownedIds);
      for (const p of adjacency.get(id) ?? []) ownedIds.add(p.id);
    }
    for (const id of changedPeerings) ownedIds.add(id);
    const namesOwned = (f: Finding): boolean => f.subjects.some((s) => ownedIds.has(s));
    const merged = beforeFindings.filter((f) => !namesOwned(f));
    for (const f of this.validate(subPlan)) if (namesOwned(f)) merged.push(f);
    return { findings: merged, vpcs: subVpcs.length };
  }
}

/** shared/ has no DOM or Node types; both runtimes have a global `performance`. */
const clock = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return clock ? clock.now() : Date.now();
}

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> | null {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) return null;
    map.set(item.id, item);
  }
  return map;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

const parsedCidrs = new Map<string, Cidr | null>();
function parseCached(text: string): Cidr | null {
  let cidr = parsedCidrs.get(text);
  if (cidr === undefined) {
    cidr = tryParseCidr(text);
    if (parsedCidrs.size > 200_000) parsedCidrs.clear();
    parsedCidrs.set(text, cidr);
  }
  return cidr;
}

function collectBlocks(vpc: Vpc | undefined, out: Cidr[]): void {
  if (!vpc) return;
  for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
    const cidr = parseCached(text);
    if (cidr) out.push(cidr);
  }
}

function routesHit(vpc: Vpc, blocks: readonly Cidr[]): boolean {
  for (const table of vpc.routeTables) {
    for (const route of table.routes) {
      const destination = parseCached(route.destination);
      if (!destination) continue;
      for (const block of blocks)
        if (destination.start <= block.end && block.start <= destination.end) return true;
    }
  }
  return false;
}

/** Peerings by end VPC, over the new plan's peerings and the changed ones of the old plan. */
function peeringsByVpc(
  after: readonly Peering[],
  before: readonly Peering[],
  changed: ReadonlySet<string>,
): Map<string, Peering[]> {
  const map = new Map<string, Peering[]>();
  const add = (id: string, p: Peering): void => {
    const list = map.get(id);
    if (list) list.push(p);
    else map.set(id, [p]);
  };
  for (const p of after) {
    add(p.requester, p);
    if (p.accepter !== p.requester) add(p.accepter, p);
  }
  for (const p of before) {
    if (!changed.has(p.id)) continue;
    add(p.requester, p);
    if (p.accepter !== p.requester) add(p.accepter, p);
  }
  return map;
}

function otherEnd(peering: Peering, id: string): string {
  return peering.requester === id ? peering.accepter : peering.requester;
}

function isDangling(peering: Peering, vpcs: ReadonlyMap<string, Vpc>): boolean {
  return !vpcs.has(peering.requester) || !vpcs.has(peering.accepter);
}

function stripped(vpc: Vpc): Vpc {
  return vpc.subnets.length === 0 && vpc.routeTables.length === 0
    ? vpc
    : { ...vpc, subnets: [], routeTables: [] };
}

function addChildIds(vpc: Vpc, out: Set<string>): void {
  for (const subnet of vpc.subnets) out.add(subnet.id);
  for (const table of vpc.routeTables) {
    out.add(table.id);
    for (let i = 0; i < table.routes.length; i++) out.add(routeId(table.id, i));
  }
}

/** VPC blocks sorted by start, for "which VPCs does this block overlap" in O(log n + k). */
class VpcBlockIndex {
  private readonly starts: number[] = [];
  private readonly entries: { cidr: Cidr; id: string }[] = [];
  /** maxEnd[i]: the largest end among entries[0..i] (blocks nest, so a prefix max suffices). */
  private readonly maxEnd: number[] = [];

  constructor(vpcs: readonly Vpc[]) {
    const entries: { cidr: Cidr; id: string }[] = [];
    for (const vpc of vpcs) {
      for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
        const cidr = parseCached(text);
        if (cidr) entries.push({ cidr, id: vpc.id });
      }
    }
    entries.sort((a, b) => a.cidr.start - b.cidr.start);
    let max = -1;
    for (const entry of entries) {
      this.entries.push(entry);
      this.starts.push(entry.cidr.start);
      max = Math.max(max, entry.cidr.end);
      this.maxEnd.push(max);
    }
  }

  overlapping(block: Cidr): string[] {
    // Entries starting after the block's end cannot overlap; walk back while some may reach it.
    let hi = upperBound(this.starts, block.end) - 1;
    const hits: string[] = [];
    while (hi >= 0 && this.maxEnd[hi]! >= block.start) {
      const entry = this.entries[hi]!;
      if (entry.cidr.end >= block.start) hits.push(entry.id);
      hi--;
    }
    return hits;
  }
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
