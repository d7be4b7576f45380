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

  /** Starts from findings already known for `plan` (a plan validated elsewhere). */
  prime(plan: Plan, findings: Finding[]): void {
    this.lastPlan = plan;
    this.lastFindings = findings;
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
    const beforeVpcs = byIdCached(before.vpcs);
    const afterVpcs = byIdFollowing(before.vpcs, after.vpcs);
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
    const beforePeerings = byIdCached(before.peerings);
    const afterPeerings = byIdFollowing(before.peerings, after.peerings);
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
    // Same VPCs in the same order: the indexes that depend only on ids, addresses, accounts and
    // regions carry over from the previous plan.
    if (before.vpcs !== after.vpcs && sameIds(before.vpcs, after.vpcs)) {
      const vpcsRegrouped = [...changedVpcs].some((id) => {
        const old = beforeVpcs.get(id);
        const vpc = afterVpcs.get(id);
        return !old || !vpc || old.account !== vpc.account || old.region !== vpc.region;
      });
      carryOver(positionIndexes, before.vpcs, after.vpcs);
      if (!addressesChanged) carryOver(blockIndexes, before.vpcs, after.vpcs);
      if (!vpcsRegrouped) carryOver(accountRegionGroups, before.vpcs, after.vpcs);
    }
    if (before.peerings !== after.peerings && sameIds(before.peerings, after.peerings)) {
      carryOver(positionIndexes, before.peerings, after.peerings);
      const base = adjacencies.get(before.peerings);
      if (base)
        adjacencies.set(after.peerings, patchAdjacency(base, changedPeerings, beforePeerings, afterPeerings));
    }
    if (changedVpcs.size === 0 && changedPeerings.size === 0)
      return { findings: [...beforeFindings], vpcs: 0 };

    // 2. Owned: the seed, its peers when the peering graph or addresses changed, and the VPCs
    //    whose routes point into a changed block.
    const adjacency = withRemovedPeerings(
      cached(adjacencies, after.peerings, () => peeringsByVpc(after.peerings)),
      before.peerings,
      afterPeerings,
      changedPeerings,
    );
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
    const vpcIndex = cached(blockIndexes, after.vpcs, () => new VpcBlockIndex(after.vpcs));
    const groups = cached(accountRegionGroups, after.vpcs, () => groupByAccountRegion(after.vpcs));
    for (const id of owned) {
      const vpc = afterVpcs.get(id) ?? beforeVpcs.get(id);
      if (vpc) for (const member of groups.get(groupKey(vpc)) ?? []) context.add(member);
    }
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
    // In plan order, so that rules that report in order say the same as a full validation.
    const vpcOrder = cached(positionIndexes, after.vpcs, () => positionsOf(after.vpcs));
    const subVpcs: Vpc[] = [...context]
      .filter((id) => afterVpcs.has(id))
      .sort((a, b) => vpcOrder.get(a)! - vpcOrder.get(b)!)
      .map((id) => (full.has(id) ? afterVpcs.get(id)! : stripped(afterVpcs.get(id)!)));
    const candidates = new Set<Peering>();
    for (const id of full) for (const p of adjacency.get(id) ?? []) candidates.add(p);
    for (const id of extraPeerings) candidates.add(afterPeerings.get(id)!);
    const peeringOrder = cached(positionIndexes, after.peerings, () => positionsOf(after.peerings));
    const subPeerings: Peering[] = [];
    for (const peering of [...candidates]
      .filter((p) => afterPeerings.get(p.id) === p)
      .sort((a, b) => peeringOrder.get(a.id)! - peeringOrder.get(b.id)!)) {
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
      traffic:
        after.traffic.length === 0
          ? after.traffic
          : after.traffic.filter((sample) => subPeeringIds.has(sample.peering)),
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

/** Peerings by end VPC. */
function peeringsByVpc(peerings: readonly Peering[]): Map<string, Peering[]> {
  const map = new Map<string, Peering[]>();
  for (const p of peerings) {
    addTo(map, p.requester, p);
    if (p.accepter !== p.requester) addTo(map, p.accepter, p);
  }
  return map;
}

/** The adjacency of the new plan, plus the old versions of changed or removed peerings. */
function withRemovedPeerings(
  base: ReadonlyMap<string, readonly Peering[]>,
  before: readonly Peering[],
  afterById: ReadonlyMap<string, Peering>,
  changed: ReadonlySet<string>,
): { get(id: string): readonly Peering[] | undefined } {
  const extra = new Map<string, Peering[]>();
  if (changed.size > 0) {
    for (const p of before) {
      if (!changed.has(p.id) || afterById.get(p.id) === p) continue;
      addTo(extra, p.requester, p);
      if (p.accepter !== p.requester) addTo(extra, p.accepter, p);
    }
  }
  return {
    get: (id) => {
      const more = extra.get(id);
      const main = base.get(id);
      return more ? [...(main ?? []), ...more] : main;
    },
  };
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Indexes of the plan's arrays, kept while the array itself lives: an edit that does not touch
// the VPCs (or the peerings) reuses the previous index instead of building it again.
const byIdIndexes = new WeakMap<object, Map<string, unknown> | null>();
const blockIndexes = new WeakMap<object, VpcBlockIndex>();
const accountRegionGroups = new WeakMap<object, Map<string, string[]>>();
const positionIndexes = new WeakMap<object, Map<string, number>>();
const adjacencies = new WeakMap<object, Map<string, Peering[]>>();

function cached<V>(cache: WeakMap<object, V>, key: object, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The id map of `after`, copied from `before`'s when only some objects were replaced. */
function byIdFollowing<T extends { readonly id: string }>(
  before: readonly T[],
  after: readonly T[],
): Map<string, T> | null {
  const known = byIdIndexes.get(after);
  if (known !== undefined) return known as Map<string, T> | null;
  const previous = byIdIndexes.get(before) as Map<string, T> | null | undefined;
  if (previous && before.length === after.length) {
    const copy = new Map(previous);
    let sameShape = true;
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      if (before[i]!.id !== after[i]!.id) {
        sameShape = false;
        break;
      }
      copy.set(after[i]!.id, after[i]!);
    }
    if (sameShape) {
      byIdIndexes.set(after, copy);
      return copy;
    }
  }
  return byIdCached(after);
}

/** Same ids at the same positions (objects may differ). */
function sameIds(
  before: readonly { readonly id: string }[],
  after: readonly { readonly id: string }[],
): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++)
    if (before[i] !== after[i] && before[i]!.id !== after[i]!.id) return false;
  return true;
}

function carryOver<V>(cache: WeakMap<object, V>, from: object, to: object): void {
  const value = cache.get(from);
  if (value !== undefined && !cache.has(to)) cache.set(to, value);
}

/** The adjacency of the previous peerings with the replaced peering objects swapped in. */
function patchAdjacency(
  base: Map<string, Peering[]>,
  changed: ReadonlySet<string>,
  before: ReadonlyMap<string, Peering>,
  after: ReadonlyMap<string, Peering>,
): Map<string, Peering[]> {
  const patched = new Map(base);
  for (const id of changed) {
    const old = before.get(id);
    const next = after.get(id);
    if (!old || !next) continue;
    for (const end of new Set([old.requester, old.accepter, next.requester, next.accepter])) {
      const list = (patched.get(end) ?? []).filter((p) => p.id !== id);
      if (next.requester === end || next.accepter === end) list.push(next);
      patched.set(end, list);
    }
  }
  return patched;
}

function byIdCached<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> | null {
  return cached(byIdIndexes, items, () => byId(items)) as Map<string, T> | null;
}

function groupKey(vpc: Vpc): string {
  return `${vpc.account}\u0000${vpc.region}`;
}

function groupByAccountRegion(vpcs: readonly Vpc[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const vpc of vpcs) addTo(groups, groupKey(vpc), vpc.id);
  return groups;
}

function positionsOf(items: readonly { readonly id: string }[]): Map<string, number> {
  const positions = new Map<string, number>();
  items.forEach((item, index) => positions.set(item.id, index));
  return positions;
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

/**
 * VPC blocks for "which VPCs does this block overlap" in O(log n + k). CIDR blocks nest or are
 * disjoint, so the blocks overlapping Q are those starting inside Q (one range of the sorted
 * starts) and Q's ancestors, of which there is at most one per shorter prefix length (looked up
 * by network address).
 */
class VpcBlockIndex {
  private readonly starts: number[] = [];
  private readonly ids: string[] = [];
  private readonly byBlock = new Map<string, string[]>();

  constructor(vpcs: readonly Vpc[]) {
    const entries: { cidr: Cidr; id: string }[] = [];
    for (const vpc of vpcs) {
      for (const text of [vpc.cidr, ...vpc.secondaryCidrs]) {
        const cidr = parseCached(text);
        if (!cidr) continue;
        entries.push({ cidr, id: vpc.id });
        const key = `${cidr.start}/${cidr.prefix}`;
        const list = this.byBlock.get(key);
        if (list) list.push(vpc.id);
        else this.byBlock.set(key, [vpc.id]);
      }
    }
    entries.sort((a, b) => a.cidr.start - b.cidr.start);
    for (const entry of entries) {
      this.starts.push(entry.cidr.start);
      this.ids.push(entry.id);
    }
  }

  overlapping(block: Cidr): string[] {
    const hits: string[] = [];
    const from = upperBound(this.starts, block.start - 1);
    const to = upperBound(this.starts, block.end);
    for (let i = from; i < to; i++) hits.push(this.ids[i]!);
    for (let prefix = 0; prefix < block.prefix; prefix++) {
      const size = 2 ** (32 - prefix);
      const start = block.start - (block.start % size);
      const ancestors = this.byBlock.get(`${start}/${prefix}`);
      if (ancestors) hits.push(...ancestors);
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
