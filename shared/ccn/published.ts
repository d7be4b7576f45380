/**
 * What each CCN carries (spec/ccn.md, "Routes"): the CIDRs every active attachment publishes,
 * in attachment order, and whether each one's CCN route is valid or invalid by a conflict.
 *
 * Attachment order: `attachedAt` ascending; an attachment without a date counts as attached
 * after every dated one (a planned attachment not made yet); ties and undated attachments keep
 * their list order. Only active attachments of a plan VPC publish: a pending, rejected or
 * expired attachment, or one naming no VPC (`REF_UNKNOWN`), carries nothing. A VPC attached
 * twice to one CCN publishes once, at its first active attachment in that order.
 *
 * A published CIDR is invalid when it equals or overlaps (either way) a CIDR published earlier
 * by another VPC of the same CCN, valid or not: the cloud keeps the first attached instance's
 * route only. CIDRs of one VPC never conflict with each other (that is the VPC's own business:
 * `VPC_CIDR_OVERLAP`, `SUBNET_OVERLAP`). The check walks a binary trie over the published
 * prefixes, so each CIDR costs at most 33 steps, never a loop over the earlier CIDRs.
 */
import type { Cidr } from '../net/cidr';
import { tryParseCidr } from '../net/cidr';
import type { Ccn, CcnAttachment, CcnPublish, Plan, Vpc } from '../plan/model';

export interface PublishedCidr {
  /** The CIDR as the plan writes it. */
  readonly cidr: string;
  readonly block: Cidr;
  /** The publishing VPC. */
  readonly vpc: string;
  /** `vpc`: a primary or secondary VPC CIDR; `subnets`: a subnet CIDR (then `subnet` is its ID). */
  readonly publish: CcnPublish;
  readonly subnet?: string;
  /** Position of the publishing attachment in attachment order (0 = attached first). */
  readonly order: number;
  /** False: its CCN route is invalid by a conflict (`CCN_ROUTE_CONFLICT`). */
  readonly valid: boolean;
  /** For an invalid CIDR: the earliest CIDR of another VPC that it equals or overlaps. */
  readonly conflictsWith: { readonly vpc: string; readonly cidr: string } | null;
}

export interface CcnPublication {
  readonly ccn: Ccn;
  /** The actively attached plan VPCs, in attachment order, each once. */
  readonly members: readonly Vpc[];
  /** Every published CIDR, in attachment order (then the VPC's or subnets' own order). */
  readonly published: readonly PublishedCidr[];
}

/** Attachments in attachment order (see the module comment); a stable sort keeps list order for ties. */
export function attachmentOrder(ccn: Ccn): CcnAttachment[] {
  const undated = '\uffff'; // after every `YYYY-MM-DD`
  return ccn.attachments
    .map((attachment, index) => ({ attachment, index, date: attachment.attachedAt ?? undated }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    .map((entry) => entry.attachment);
}

/** The CIDRs an attachment of `vpc` publishes, as written, with the subnet they come from. */
function cidrsOf(vpc: Vpc, publish: CcnPublish): { cidr: string; subnet?: string }[] {
  if (publish === 'subnets') return vpc.subnets.map((subnet) => ({ cidr: subnet.cidr, subnet: subnet.id }));
  return [vpc.cidr, ...vpc.secondaryCidrs].map((cidr) => ({ cidr }));
}

interface TrieEntry {
  readonly owner: number;
  readonly item: number;
}

/** The earliest entry, and the earliest of an owner other than the earliest's: enough to answer "earliest not of owner X". */
interface EarliestTwo {
  first: TrieEntry | null;
  other: TrieEntry | null;
}

interface TrieNode {
  readonly own: EarliestTwo;
  readonly subtree: EarliestTwo;
  zero: TrieNode | null;
  one: TrieNode | null;
}

function newNode(): TrieNode {
  return { own: { first: null, other: null }, subtree: { first: null, other: null }, zero: null, one: null };
}

/** Entries arrive in increasing order, so the first one seen stays the earliest. */
function remember(two: EarliestTwo, entry: TrieEntry): void {
  if (two.first === null) two.first = entry;
  else if (two.other === null && two.first.owner !== entry.owner) two.other = entry;
}

function earliestNotOf(two: EarliestTwo, owner: number): TrieEntry | null {
  if (two.first === null) return null;
  return two.first.owner !== owner ? two.first : two.other;
}

function earlier(a: TrieEntry | null, b: TrieEntry | null): TrieEntry | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.item <= b.item ? a : b;
}

function bitAt(address: number, depth: number): number {
  return (address >>> (31 - depth)) & 1;
}

/**
 * Prefixes inserted in increasing item order; `earliestOverlap` answers which earliest inserted
 * prefix of another owner equals, contains or lies inside a block: the ancestors and the equal
 * prefix sit on the block's path from the root, the ones inside it in the subtree below it.
 */
export class EarliestOverlapTrie {
  private readonly root = newNode();

  insert(block: Cidr, entry: TrieEntry): void {
    let node = this.root;
    remember(node.subtree, entry);
    for (let depth = 0; depth < block.prefix; depth++) {
      const bit = bitAt(block.start, depth);
      let next = bit === 0 ? node.zero : node.one;
      if (next === null) {
        next = newNode();
        if (bit === 0) node.zero = next;
        else node.one = next;
      }
      node = next;
      remember(node.subtree, entry);
    }
    remember(node.own, entry);
  }

  earliestOverlap(block: Cidr, owner: number): TrieEntry | null {
    let node: TrieNode | null = this.root;
    let best: TrieEntry | null = null;
    for (let depth = 0; depth < block.prefix; depth++) {
      best = earlier(best, earliestNotOf(node.own, owner));
      node = bitAt(block.start, depth) === 0 ? node.zero : node.one;
      if (node === null) return best; // nothing at or inside the block
    }
    return earlier(best, earliestNotOf(node.subtree, owner));
  }
}

/** The publication of one CCN, given the plan's VPCs by ID. */
export function publicationOf(ccn: Ccn, vpcById: ReadonlyMap<string, Vpc>): CcnPublication {
  const members: Vpc[] = [];
  const published: PublishedCidr[] = [];
  const trie = new EarliestOverlapTrie();
  const seen = new Set<Vpc>();
  for (const attachment of attachmentOrder(ccn)) {
    if (attachment.state !== 'active') continue;
    const vpc = vpcById.get(attachment.vpc);
    if (vpc === undefined || seen.has(vpc)) continue;
    seen.add(vpc);
    const owner = members.length;
    members.push(vpc);
    const fresh: { block: Cidr; item: number }[] = [];
    for (const { cidr, subnet } of cidrsOf(vpc, attachment.publish)) {
      const block = tryParseCidr(cidr);
      if (block === null) continue; // CIDR_INVALID / CIDR_HOST_BITS: publishes nothing
      const hit = trie.earliestOverlap(block, owner);
      const conflict = hit === null ? null : published[hit.item]!;
      const item = published.length;
      published.push({
        cidr,
        block,
        vpc: vpc.id,
        publish: attachment.publish,
        ...(subnet !== undefined ? { subnet } : {}),
        order: owner,
        valid: conflict === null,
        conflictsWith: conflict === null ? null : { vpc: conflict.vpc, cidr: conflict.cidr },
      });
      fresh.push({ block, item });
    }
    // After the VPC's own queries: its CIDRs conflict with later VPCs only.
    for (const { block, item } of fresh) trie.insert(block, { owner, item });
  }
  return { ccn, members, published };
}

/** The plan's VPCs by ID (the first of a duplicate ID wins, as everywhere). */
export function vpcsById(plan: Plan): Map<string, Vpc> {
  const byId = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!byId.has(vpc.id)) byId.set(vpc.id, vpc);
  return byId;
}

/** The publication of every CCN of the plan, in plan order. */
export function ccnPublications(plan: Plan): CcnPublication[] {
  if (plan.ccns.length === 0) return [];
  const byId = vpcsById(plan);
  return plan.ccns.map((ccn) => publicationOf(ccn, byId));
}
