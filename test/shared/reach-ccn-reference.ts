/**
 * A per-address reference of reachability through CCNs, written straight from spec/ccn.md
 * ("Routes", "Reachability") and rules.md ("Reachability"), for the property test: every
 * address of T looked up in S's table by scanning every route (local, plan, and the CCN routes
 * recomputed here by brute force), every address of S looked up in T's table. It shares no code
 * with the engine; it is slow on purpose and only meant for plans of a few dozen addresses.
 *
 * The choices rules.md and ccn.md leave open, as the engine documents them:
 * - a CCN route is not effective when an enabled plan route of the table has the same
 *   destination (a disabled one forwards nothing and shadows nothing: the migration's
 *   "disable the peering route" makes the CCN route effective);
 * - a published CIDR is invalid when it overlaps a CIDR published before it by another
 *   attachment of the CCN (attachment order: `attachedAt`, ties and missing dates by list order,
 *   dated ones first), whether or not that earlier CIDR is valid itself;
 * - the connections of a pair are its peerings (plan order), then the CCNs both VPCs are
 *   attached to in any state (plan order); `via` is the one that carries the most addresses of
 *   T, else the first active peering, then a CCN with both ends active, then a pending peering,
 *   then any other peering, then any other CCN;
 * - an address of T that does not get there counts as `CCN_ROUTE_INVALID` when T's VPC
 *   published it in a CCN where both ends are active and that route is invalid, else as
 *   `CCN_ATTACHMENT_INACTIVE` when the two VPCs share a CCN with an end not active; this only
 *   where no route at all, or a CCN route to another VPC, took it (a local, peering or other
 *   plan route keeps its own reason); a CCN route to another VPC that is not `OVERRIDDEN` or
 *   explained that way is `NO_ROUTE`; such an address is `NO_ROUTE` too when the pair has a
 *   peering (a route to it could carry the address);
 * - the return is over `via`, or over a connection of the pair of the other kind (a peering's
 *   replies through a CCN route of S's VPC, a CCN's replies through an active peering: the
 *   asymmetric middle of a migration works); through a CCN, an address of S that comes back
 *   neither way counts like the forward ones (`CCN_ROUTE_INVALID` for S's invalid route,
 *   `CCN_ATTACHMENT_INACTIVE`, else `NO_RETURN_ROUTE`).
 */
import { tryParseCidr } from '../../shared/net/cidr';
import type { Plan, Route, Vpc } from '../../shared/plan/model';
import { effectivePeeringState } from '../../shared/plan/peering';
import type { ReachStatus } from '../../shared/reach/reachability';

export interface ReferencePair {
  status: ReachStatus;
  via: string | null;
  reasons: string[];
}

const REASON_ORDER = [
  'NO_ROUTE',
  'PEERING_INACTIVE',
  'NO_RETURN_ROUTE',
  'TRANSITIVE',
  'OVERRIDDEN',
  'NOT_PEERED',
  'CCN_ROUTE_INVALID',
  'CCN_ATTACHMENT_INACTIVE',
];

interface Block {
  start: number;
  end: number;
  prefix: number;
}

const parse = (text: string): Block | null => tryParseCidr(text);
const contains = (block: Block, address: number) => block.start <= address && address <= block.end;
const overlaps = (x: Block, y: Block) => x.start <= y.end && y.start <= x.end;

/** A CIDR published to a CCN (by brute force over the attachments). */
interface Published {
  ccn: string;
  vpc: string;
  block: Block;
  invalid: boolean;
}

function publishedOf(plan: Plan): Published[] {
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const out: Published[] = [];
  for (const ccn of plan.ccns) {
    const order = ccn.attachments
      .map((attachment, index) => ({ attachment, index }))
      .filter(({ attachment }) => attachment.state === 'active' && vpcById.has(attachment.vpc));
    order.sort((x, y) => {
      const dx = x.attachment.attachedAt ?? '9999-99-99';
      const dy = y.attachment.attachedAt ?? '9999-99-99';
      return dx < dy ? -1 : dx > dy ? 1 : x.index - y.index;
    });
    const earlier: Published[] = [];
    for (const { attachment } of order) {
      const vpc = vpcById.get(attachment.vpc)!;
      const texts =
        attachment.publish === 'subnets'
          ? vpc.subnets.map((subnet) => subnet.cidr)
          : [vpc.cidr, ...vpc.secondaryCidrs];
      for (const text of texts) {
        const block = parse(text);
        if (!block) continue;
        const invalid = earlier.some((other) => other.vpc !== vpc.id && overlaps(other.block, block));
        const entry = { ccn: ccn.id, vpc: vpc.id, block, invalid };
        earlier.push(entry);
        out.push(entry);
      }
    }
  }
  return out;
}

type Hit =
  | { kind: 'local' }
  | { kind: 'none' }
  | { kind: 'plan'; route: Route }
  | { kind: 'ccn'; ccn: string; publisher: string };

interface Place {
  vpc: Vpc;
  cidrs: Block[];
  routes: readonly Route[];
  /** The effective CCN routes of the subnet's table. */
  ccnRoutes: { ccn: string; publisher: string; block: Block }[];
}

export function referenceReachability(plan: Plan): Map<string, ReferencePair> {
  const published = publishedOf(plan);
  // CCN → VPC → 'active' when any of its attachments is active, else the first one's state.
  const states = new Map<string, Map<string, string>>();
  for (const ccn of plan.ccns) {
    const byVpc = new Map<string, string>();
    for (const attachment of ccn.attachments)
      if (!byVpc.has(attachment.vpc) || attachment.state === 'active')
        byVpc.set(attachment.vpc, attachment.state);
    states.set(ccn.id, byVpc);
  }
  const activeIn = (ccn: string, vpc: string) => states.get(ccn)?.get(vpc) === 'active';
  const sharedCcns = (a: string, b: string) =>
    plan.ccns.filter((ccn) => states.get(ccn.id)!.has(a) && states.get(ccn.id)!.has(b)).map((c) => c.id);

  const placeOf = (vpc: Vpc, tableId: string | undefined): Place => {
    const routes = vpc.routeTables.find((t) => t.id === tableId)?.routes ?? [];
    const ccnRoutes: Place['ccnRoutes'] = [];
    for (const p of published) {
      if (p.vpc === vpc.id || !activeIn(p.ccn, vpc.id) || p.invalid) continue;
      const shadowed = routes.some((route) => {
        const destination = parse(route.destination);
        return (
          route.enabled &&
          destination !== null &&
          destination.start === p.block.start &&
          destination.end === p.block.end
        );
      });
      if (!shadowed) ccnRoutes.push({ ccn: p.ccn, publisher: p.vpc, block: p.block });
    }
    const cidrs = [vpc.cidr, ...vpc.secondaryCidrs].map(parse).filter((b): b is Block => b !== null);
    return { vpc, cidrs, routes, ccnRoutes };
  };

  const lookup = (place: Place, address: number): Hit => {
    if (place.cidrs.some((block) => contains(block, address))) return { kind: 'local' };
    let best: { hit: Hit; prefix: number } | null = null;
    for (const route of place.routes) {
      const destination = parse(route.destination);
      if (!route.enabled || !destination || !contains(destination, address)) continue;
      if (!best || destination.prefix > best.prefix)
        best = { hit: { kind: 'plan', route }, prefix: destination.prefix };
    }
    for (const route of place.ccnRoutes) {
      if (!contains(route.block, address)) continue;
      if (!best || route.block.prefix > best.prefix)
        best = {
          hit: { kind: 'ccn', ccn: route.ccn, publisher: route.publisher },
          prefix: route.block.prefix,
        };
    }
    return best ? best.hit : { kind: 'none' };
  };

  const addresses = (cidr: string) => {
    const block = parse(cidr)!;
    return Array.from({ length: block.end - block.start + 1 }, (_, i) => block.start + i);
  };
  const peeringById = new Map(plan.peerings.map((p) => [p.id, p] as const));
  const joins = (id: string, a: string, b: string) => {
    const p = peeringById.get(id);
    return (
      p !== undefined &&
      p.requester !== p.accepter &&
      [p.requester, p.accepter].includes(a) &&
      [p.requester, p.accepter].includes(b)
    );
  };
  const isActivePeering = (id: string) => {
    const p = peeringById.get(id);
    return p !== undefined && effectivePeeringState(p, plan.asOf) === 'active';
  };
  const peeringRank = (id: string) => {
    const state = effectivePeeringState(peeringById.get(id)!, plan.asOf);
    return state === 'active' ? 0 : state === 'pending' ? 2 : 3;
  };
  /** An invalid route published by `vpc` in a CCN where `vpc` and `other` are both active, covering the address. */
  const invalidFor = (vpc: string, other: string, ccns: string[], address: number) =>
    published.some(
      (p) =>
        p.invalid &&
        p.vpc === vpc &&
        ccns.includes(p.ccn) &&
        activeIn(p.ccn, vpc) &&
        activeIn(p.ccn, other) &&
        contains(p.block, address),
    );

  const subnets = plan.vpcs.flatMap((vpc) =>
    vpc.subnets
      .filter((subnet) => parse(subnet.cidr) !== null)
      .map((subnet) => ({ subnet, vpc, place: placeOf(vpc, subnet.routeTable) })),
  );
  const result = new Map<string, ReferencePair>();
  for (const s of subnets) {
    for (const t of subnets) {
      if (s.vpc === t.vpc) continue;
      const a = s.vpc.id;
      const b = t.vpc.id;
      const peerings = plan.peerings.filter((p) => joins(p.id, a, b)).map((p) => p.id);
      const ccns = sharedCcns(a, b);
      const connections = [...peerings, ...ccns];
      const bothActive = (ccn: string) => activeIn(ccn, a) && activeIn(ccn, b);
      const reasons = new Set<string>();
      const okPer = new Map<string, number>();
      let transitive = false;
      const key = `${s.subnet.id}>${t.subnet.id}`;
      for (const x of addresses(t.subnet.cidr)) {
        const hit = lookup(s.place, x);
        // Is a route of S's table to the pair's connection also covering x (then it is OVERRIDDEN)?
        const pairRouteCovers =
          s.place.routes.some(
            (r) =>
              (hit.kind !== 'plan' || r !== hit.route) &&
              r.enabled &&
              r.nextHop.type === 'peering' &&
              peerings.includes(r.nextHop.id) &&
              parse(r.destination) !== null &&
              contains(parse(r.destination)!, x),
          ) ||
          s.place.ccnRoutes.some((r) => r.publisher === b && ccns.includes(r.ccn) && contains(r.block, x));
        // No route takes x to T's VPC: a peering route could (NO_ROUTE, when the pair has a
        // peering), and the CCN says why it does not.
        const unrouted = () => {
          if (peerings.length > 0) reasons.add('NO_ROUTE');
          if (invalidFor(b, a, ccns, x)) reasons.add('CCN_ROUTE_INVALID');
          else if (ccns.some((ccn) => !bothActive(ccn))) reasons.add('CCN_ATTACHMENT_INACTIVE');
          else reasons.add('NO_ROUTE');
        };
        if (hit.kind === 'local') reasons.add('NO_ROUTE');
        else if (hit.kind === 'none') unrouted();
        else if (hit.kind === 'ccn') {
          if (hit.publisher === b && ccns.includes(hit.ccn))
            okPer.set(hit.ccn, (okPer.get(hit.ccn) ?? 0) + 1);
          else if (pairRouteCovers) reasons.add('OVERRIDDEN');
          else unrouted();
        } else {
          const hop = hit.route.nextHop;
          if (hop.type !== 'peering') reasons.add(pairRouteCovers ? 'OVERRIDDEN' : 'NO_ROUTE');
          else if (!peeringById.has(hop.id)) reasons.add('NO_ROUTE');
          else if (!peerings.includes(hop.id)) {
            transitive = true;
            if (pairRouteCovers) reasons.add('OVERRIDDEN');
          } else if (!isActivePeering(hop.id)) reasons.add('PEERING_INACTIVE');
          else okPer.set(hop.id, (okPer.get(hop.id) ?? 0) + 1);
        }
      }
      if (connections.length === 0) {
        result.set(key, {
          status: 'unreachable',
          via: null,
          reasons: transitive ? ['TRANSITIVE', 'NOT_PEERED'] : ['NOT_PEERED'],
        });
        continue;
      }
      if (transitive) reasons.add('TRANSITIVE');
      let via: string | null = null;
      let best = 0;
      for (const id of connections) {
        const count = okPer.get(id) ?? 0;
        if (count > best) [via, best] = [id, count];
      }
      if (via === null) {
        const rank = (id: string) => (peerings.includes(id) ? peeringRank(id) : bothActive(id) ? 1 : 4);
        for (const id of connections) if (via === null || rank(id) < rank(via)) via = id;
      }
      const viaIsCcn = !peerings.includes(via!);
      const forwardOk = [...okPer.values()].reduce((x, y) => x + y, 0);
      let back = 0;
      for (const y of addresses(s.subnet.cidr)) {
        const hit = lookup(t.place, y);
        const toPeering =
          hit.kind === 'plan' && hit.route.nextHop.type === 'peering' ? hit.route.nextHop.id : null;
        const toA = hit.kind === 'ccn' && hit.publisher === a ? hit.ccn : null;
        if (!viaIsCcn) {
          if (toPeering === via || (toA !== null && ccns.includes(toA))) back++;
          continue;
        }
        if (toA === via || (toPeering !== null && peerings.includes(toPeering) && isActivePeering(toPeering)))
          back++;
        else if (hit.kind === 'none' || hit.kind === 'ccn') {
          if (invalidFor(a, b, [via!], y)) reasons.add('CCN_ROUTE_INVALID');
          else if (!bothActive(via!)) reasons.add('CCN_ATTACHMENT_INACTIVE');
          else reasons.add('NO_RETURN_ROUTE');
        } else reasons.add('NO_RETURN_ROUTE');
      }
      const sourceSize = addresses(s.subnet.cidr).length;
      if (!viaIsCcn) {
        if (back < sourceSize) reasons.add('NO_RETURN_ROUTE');
        if (!peerings.some(isActivePeering)) reasons.add('PEERING_INACTIVE');
      }
      const returnOk = viaIsCcn || isActivePeering(via!) ? back : 0;
      const status: ReachStatus =
        forwardOk === 0
          ? 'unreachable'
          : returnOk === 0
            ? 'no-return'
            : forwardOk === addresses(t.subnet.cidr).length && returnOk === sourceSize
              ? 'reachable'
              : 'partial';
      result.set(key, { status, via, reasons: REASON_ORDER.filter((r) => reasons.has(r)) });
    }
  }
  return result;
}
