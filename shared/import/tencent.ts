/**
 * A plan from saved answers of Tencent Cloud's API 3.0 (service `vpc`): DescribeVpcs,
 * DescribeSubnets, DescribeRouteTables, DescribeVpcPeeringConnections, and for CCNs DescribeCcns,
 * DescribeCcnAttachedInstances and DescribeCcnRegionBandwidthLimits (tencent-ccn.ts), as the API returns them
 * (`{ "Response": { "VpcSet": [...], "TotalCount": n, "RequestId": "…" } }`) or as tccli prints
 * them (the same without the `Response` wrapper). Each file is recognised by its content; an action
 * may span several files (pagination); an object met twice (overlapping pages, or the same peering
 * seen from both accounts) is kept once.
 *
 * Nothing is dropped silently: whatever has no place in a `peerplan/1` plan (IPv6, system routes,
 * a deleted peering and the routes to it, CDC subnets, a next-hop type the plan does not know) is
 * returned in `unmapped`, naming the file and the JSON path, once, for the command line to print.
 * What the plan would get wrong is an error instead (a VPC whose region cannot be found): no plan.
 * No credentials are involved: the user runs the Describe calls (console, tccli) and hands over
 * their answers.
 *
 * Mapped one-to-one, so that an export writes back what the cloud has: peering states (ISOLATED
 * is `isolated`), next-hop types (each GatewayType its own type, shared/catalog/next-hops.ts), and
 * regions (the answers' short codes such as `gz`, shared/catalog/region-codes.ts). Every cloud
 * string used as a key goes through a Map, so `toString` or `__proto__` is just an unknown value.
 */
import type { NextHopType, PeeringState } from '../plan/model';
import { PLAN_FORMAT } from '../plan/model';
import type { PlanFile } from '../plan/schema';
import { nextHopTypeOfGateway } from '../catalog/next-hops';
import { regionIdOf } from '../catalog/region-codes';
import { CHARGE_TYPE_OF_API } from '../export/tencent-vocabulary';
import type { Json, Located } from './answer-values';
import { isObject, str, uin } from './answer-values';
import { finishCcns, readCcnAnswers } from './tencent-ccn';

export interface ImportSourceFile {
  /** The file's name relative to the imported directory: reported, and searched for a region. */
  readonly name: string;
  readonly text: string;
}

export interface TencentImportOptions {
  /** The plan's `asOf` (`YYYY-MM-DD`). */
  readonly asOf: string;
  readonly name?: string;
  /** Region of VPCs whose file path names none and that no peering places. */
  readonly region?: string;
  /** Account (UIN) owning the VPCs, when no peering tells. */
  readonly account?: string;
}

export interface UnmappedItem {
  readonly file: string;
  /** JSON path inside the file, e.g. `Response.RouteTableSet[0].RouteSet[2]`; empty for the file itself. */
  readonly path: string;
  readonly message: string;
}

export interface TencentImportResult {
  readonly file: PlanFile;
  readonly unmapped: readonly UnmappedItem[];
  /** What makes the plan wrong (a VPC with no region): when any, the plan must not be written. */
  readonly errors: readonly UnmappedItem[];
}

/** One line per unmapped item: `FILE: PATH: message`. */
export function formatUnmapped(item: UnmappedItem): string {
  return item.path === '' ? `${item.file}: ${item.message}` : `${item.file}: ${item.path}: ${item.message}`;
}

/** The cloud's peering states (`PeerConnection.State`) the plan has; DELETED and FAILED are gone. */
const STATE_OF_API: ReadonlyMap<string, PeeringState> = new Map([
  ['ACTIVE', 'active'],
  ['PENDING', 'pending'],
  ['EXPIRED', 'expired'],
  ['REJECTED', 'rejected'],
  ['ISOLATED', 'isolated'],
]);

const SET_KEYS = [
  'VpcSet',
  'SubnetSet',
  'RouteTableSet',
  'PeerConnectionSet',
  'CcnSet',
  'InstanceSet',
  'CcnRegionBandwidthLimitSet',
] as const;
const SET_NAMES = `${SET_KEYS.slice(0, -1).join(', ')} or ${SET_KEYS.at(-1)!}`;
type SetKey = (typeof SET_KEYS)[number];
/** Answer fields that carry no plan content. */
const METADATA_KEYS = new Set(['TotalCount', 'RequestId', 'NextToken']);

/**
 * A region ID in a file path: `ap-guangzhou/DescribeVpcs.json`, `DescribeVpcs.ap-shanghai-fsi.json`,
 * `vpcs-na-siliconvalley.json`.
 */
const REGION_IN_PATH = /(?:^|[/\\._ -])((?:ap|na|eu|sa|me|af)-[a-z]+(?:-[a-z]+)?)(?=$|[/\\._ -])/;

export function importTencent(
  files: readonly ImportSourceFile[],
  options: TencentImportOptions,
): TencentImportResult {
  const unmapped: UnmappedItem[] = [];
  const errors: UnmappedItem[] = [];
  const sets: Record<SetKey, Located<Json>[]> = {
    VpcSet: [],
    SubnetSet: [],
    RouteTableSet: [],
    PeerConnectionSet: [],
    CcnSet: [],
    InstanceSet: [],
    CcnRegionBandwidthLimitSet: [],
  };

  for (const source of files) collectSets(source, sets, unmapped);
  const optionRegion = options.region === undefined ? undefined : regionIdOf(options.region);
  if (options.region !== undefined && optionRegion === undefined)
    errors.push({
      file: '--region',
      path: '',
      message: `${options.region} is neither a region ID nor a known short code`,
    });

  const note = (item: Located<unknown>, suffix: string, message: string): void => {
    unmapped.push({ file: item.file, path: suffix === '' ? item.path : `${item.path}.${suffix}`, message });
  };

  // --- Peerings first: they tell the regions and accounts of VPCs. ---
  interface ImportedPeering {
    readonly entry: NonNullable<PlanFile['peerings']>[number];
    readonly from: Located<Json>;
  }
  const peerings = new Map<string, ImportedPeering>();
  /** Every peering ID met: the same peering seen from both ends (two regions' files) is one. */
  const seenPeerings = new Set<string>();
  /** DELETED, FAILED (and unknown) peerings, with the routes that still name them. */
  const dropped = new Map<string, { from: Located<Json>; state: string; routes: number }>();
  /** A region as the answers write it (`gz` or `ap-guangzhou`), or undefined with a note. */
  const regionOfAnswer = (item: Located<Json>, field: string): string | undefined => {
    const raw = str(item.value[field]);
    if (raw === undefined) return undefined;
    const region = regionIdOf(raw);
    if (region === undefined)
      note(item, field, `region ${raw} is neither a region ID nor a known short code: not used`);
    return region;
  };
  const regionOfVpc = new Map<string, string>();
  const accountOfVpc = new Map<string, string>();
  const peerAccounts = new Set<string>();
  for (const item of sets.PeerConnectionSet) {
    const p = item.value;
    const id = str(p.PeeringConnectionId);
    const source = str(p.SourceVpcId);
    const destination = str(p.DestinationVpcId) ?? str(p.PeerVpcId);
    if (!id || !source || !destination) {
      note(
        item,
        '',
        'a peering without PeeringConnectionId, SourceVpcId or DestinationVpcId/PeerVpcId: skipped',
      );
      continue;
    }
    if (seenPeerings.has(id)) continue;
    seenPeerings.add(id);
    const sourceRegion = regionOfAnswer(item, 'SourceRegion');
    const destinationRegion = regionOfAnswer(item, 'DestinationRegion');
    if (sourceRegion) regionOfVpc.set(source, sourceRegion);
    if (destinationRegion) regionOfVpc.set(destination, destinationRegion);
    const sourceUin = uin(p.SourceUin);
    const destinationUin = uin(p.DestinationUin);
    if (sourceUin) accountOfVpc.set(source, sourceUin);
    if (destinationUin) accountOfVpc.set(destination, destinationUin);
    for (const account of [sourceUin, destinationUin]) if (account) peerAccounts.add(account);

    const apiState = str(p.State) ?? '';
    const state = STATE_OF_API.get(apiState.toUpperCase());
    if (!state) {
      // Said once, after the routes: with how many routes that point at it go too.
      dropped.set(id, { from: item, state: apiState || 'in no state', routes: 0 });
      continue;
    }
    const entry: Record<string, unknown> = { id, name: str(p.PeeringConnectionName) ?? id };
    entry.requester = source;
    entry.accepter = destination;
    entry.state = state;
    const created = str(p.CreateTime)?.slice(0, 10);
    if (created && /^\d{4}-\d{2}-\d{2}$/.test(created)) entry.requestedAt = created;
    const crossRegion =
      sourceRegion !== undefined && destinationRegion !== undefined && sourceRegion !== destinationRegion;
    const bandwidth = typeof p.Bandwidth === 'number' ? p.Bandwidth : Number(str(p.Bandwidth));
    // A regional peering has no cap to set (the answer may still carry a number): only a
    // cross-region peering's Bandwidth is the plan's bandwidthMbps.
    if (crossRegion && Number.isFinite(bandwidth) && bandwidth > 0) entry.bandwidthMbps = bandwidth;
    const chargeType = str(p.ChargeType);
    if (chargeType) {
      const mapped = CHARGE_TYPE_OF_API.get(chargeType);
      if (mapped) entry.chargeType = mapped;
      else
        note(item, 'ChargeType', `charge type ${chargeType} is not daily-peak or monthly-p95: default used`);
    }
    // VPC_PEER (and the VPC0 real answers carry) is VPC to VPC; only VPC_BM_PEER is not.
    const type = str(p.Type);
    if (type !== undefined && /BM/i.test(type)) {
      note(item, 'Type', `peering type ${type} (a VPC to a bare-metal network) is imported as a VPC peering`);
    }
    peerings.set(id, { entry: entry as ImportedPeering['entry'], from: item });
  }

  // --- CCNs: their attached instances tell the regions and accounts of VPCs too. ---
  const ccnContext = { note, regionOfVpc, accountOfVpc, peerAccounts };
  const ccnDrafts = readCcnAnswers(sets, ccnContext);

  // --- VPCs ---
  type FileVpc = PlanFile['vpcs'][number];
  const vpcs = new Map<string, { vpc: FileVpc; from: Located<Json> }>();
  for (const item of sets.VpcSet) {
    const v = item.value;
    const id = str(v.VpcId);
    const cidr = str(v.CidrBlock);
    if (!id || !cidr) {
      note(item, '', 'a VPC without VpcId or CidrBlock: skipped');
      continue;
    }
    if (vpcs.has(id)) continue;
    const secondaryCidrs: string[] = [];
    const assistants = Array.isArray(v.AssistantCidrSet) ? v.AssistantCidrSet : [];
    assistants.forEach((a: unknown, index) => {
      const block = isObject(a) ? str(a.CidrBlock) : undefined;
      const type = isObject(a) ? a.AssistantType : undefined;
      if (!block) note(item, `AssistantCidrSet[${index}]`, 'a secondary CIDR without CidrBlock: skipped');
      else if (type === 1 || type === '1') {
        note(item, `AssistantCidrSet[${index}]`, `container (TKE) CIDR ${block}: not a plan CIDR, skipped`);
      } else if (!secondaryCidrs.includes(block)) secondaryCidrs.push(block);
    });
    const ipv6 = str(v.Ipv6CidrBlock);
    if (ipv6) note(item, 'Ipv6CidrBlock', `IPv6 CIDR ${ipv6}: format 1 is IPv4 only, skipped`);
    if (Array.isArray(v.Ipv6CidrBlockSet) && v.Ipv6CidrBlockSet.length > 0)
      note(
        item,
        'Ipv6CidrBlockSet',
        `${v.Ipv6CidrBlockSet.length} IPv6 CIDR blocks: format 1 is IPv4 only, skipped`,
      );
    const region = item.region ?? regionOfVpc.get(id) ?? optionRegion;
    vpcs.set(id, {
      vpc: {
        id,
        name: str(v.VpcName) ?? id,
        account: '',
        region: region ?? '',
        cidr,
        secondaryCidrs,
        routeTables: [],
        subnets: [],
      },
      from: item,
    });
    if (!region)
      errors.push({
        file: item.file,
        path: item.path,
        message: `VPC ${id}: its region cannot be found (not in the file's path, and no peering names it): give it with --region REGION`,
      });
  }

  // Accounts of VPCs: the peerings tell; otherwise --account, or the one account they all share.
  const knownAccounts = new Set(
    [...vpcs.keys()].map((id) => accountOfVpc.get(id)).filter((a) => a !== undefined),
  );
  const fallbackAccount = options.account ?? (knownAccounts.size === 1 ? [...knownAccounts][0] : undefined);
  const UNKNOWN_ACCOUNT = 'unknown';
  for (const { vpc, from } of vpcs.values()) {
    const account = accountOfVpc.get(vpc.id) ?? fallbackAccount;
    if (!account)
      note(from, '', `VPC ${vpc.id}: its account is unknown (no peering names it): use --account UIN`);
    vpc.account = account ?? UNKNOWN_ACCOUNT;
  }

  // --- Route tables ---
  const subnetTableFromAssociation = new Map<string, string>();
  const seenTables = new Set<string>();
  for (const item of sets.RouteTableSet) {
    const t = item.value;
    const id = str(t.RouteTableId);
    const vpcId = str(t.VpcId);
    if (!id || !vpcId) {
      note(item, '', 'a route table without RouteTableId or VpcId: skipped');
      continue;
    }
    if (seenTables.has(id)) continue;
    seenTables.add(id);
    const owner = vpcs.get(vpcId);
    if (!owner) {
      note(item, '', `route table ${id}: its VPC ${vpcId} is not in the DescribeVpcs answers, skipped`);
      continue;
    }
    const routes: NonNullable<FileVpc['routeTables']>[number]['routes'] = [];
    const routeSet = Array.isArray(t.RouteSet) ? t.RouteSet : [];
    routeSet.forEach((r: unknown, index) => {
      const at: Located<unknown> = { ...item, path: `${item.path}.RouteSet[${index}]` };
      if (!isObject(r)) {
        note(at, '', 'not a route object: skipped');
        return;
      }
      const destination = str(r.DestinationCidrBlock);
      const gatewayType = str(r.GatewayType) ?? '';
      const routeType = str(r.RouteType) ?? 'USER';
      const describe =
        `route ${destination ?? str(r.DestinationIpv6CidrBlock) ?? '?'} via ${gatewayType} ${str(r.GatewayId) ?? ''}`.trim();
      if (gatewayType === 'LOCAL') {
        note(at, '', `${describe}: the local route is implicit in a plan, skipped`);
        return;
      }
      if (routeType !== 'USER') {
        note(at, 'RouteType', `${describe}: a ${routeType} system route, not editable, skipped`);
        return;
      }
      if (!destination) {
        note(at, '', `${describe}: no IPv4 destination (format 1 is IPv4 only), skipped`);
        return;
      }
      const hopType: NextHopType | undefined = nextHopTypeOfGateway(gatewayType);
      if (!hopType) {
        note(
          at,
          'GatewayType',
          `${describe}: next-hop type ${gatewayType || '(none)'} has no plan equivalent, skipped`,
        );
        return;
      }
      const gatewayId = str(r.GatewayId);
      if (!gatewayId) {
        note(at, 'GatewayId', `${describe}: no GatewayId, skipped`);
        return;
      }
      const gone = hopType === 'peering' ? dropped.get(gatewayId) : undefined;
      if (gone) {
        gone.routes++;
        return;
      }
      const cdc = str(r.CdcId);
      if (cdc)
        note(at, 'CdcId', `${describe}: a route of CDC ${cdc}; CDC (dedicated clusters) is not modelled`);
      const route: (typeof routes)[number] = { destination, nextHop: { type: hopType, id: gatewayId } };
      if (r.Enabled === false) route.enabled = false;
      const description = str(r.RouteDescription);
      if (description) route.description = description;
      routes.push(route);
    });
    const associations = Array.isArray(t.AssociationSet) ? t.AssociationSet : [];
    for (const a of associations) {
      const subnetId = isObject(a) ? str(a.SubnetId) : undefined;
      if (subnetId) subnetTableFromAssociation.set(subnetId, id);
    }
    owner.vpc.routeTables!.push({ id, name: str(t.RouteTableName) ?? id, default: t.Main === true, routes });
  }
  for (const { vpc, from } of vpcs.values()) {
    const tables = vpc.routeTables!;
    const defaults = tables.filter((t) => t.default);
    if (tables.length > 0 && defaults.length !== 1) {
      note(
        from,
        '',
        `VPC ${vpc.id}: ${defaults.length} route tables marked Main; the plan needs exactly one`,
      );
    }
  }

  // --- Subnets ---
  const seenSubnets = new Set<string>();
  for (const item of sets.SubnetSet) {
    const s = item.value;
    const id = str(s.SubnetId);
    const vpcId = str(s.VpcId);
    const cidr = str(s.CidrBlock);
    if (!id || !vpcId || !cidr) {
      note(item, '', 'a subnet without SubnetId, VpcId or CidrBlock: skipped');
      continue;
    }
    if (seenSubnets.has(id)) continue;
    seenSubnets.add(id);
    const owner = vpcs.get(vpcId);
    if (!owner) {
      note(item, '', `subnet ${id}: its VPC ${vpcId} is not in the DescribeVpcs answers, skipped`);
      continue;
    }
    const subnet: NonNullable<FileVpc['subnets']>[number] = { id, name: str(s.SubnetName) ?? id, cidr };
    const zone = str(s.Zone);
    if (zone) subnet.zone = zone;
    const table = str(s.RouteTableId) ?? subnetTableFromAssociation.get(id);
    if (table) subnet.routeTable = table;
    const ipv6 = str(s.Ipv6CidrBlock);
    if (ipv6) note(item, 'Ipv6CidrBlock', `subnet ${id}: IPv6 CIDR ${ipv6} skipped (format 1 is IPv4 only)`);
    const cdc = str(s.CdcId);
    if (cdc || s.IsCdcSubnet === 1 || s.IsCdcSubnet === true)
      note(
        item,
        cdc ? 'CdcId' : 'IsCdcSubnet',
        `subnet ${id} is a CDC subnet${cdc ? ` (${cdc})` : ''}; CDC (dedicated clusters) is not modelled, imported as a plain subnet`,
      );
    const acl = str(s.NetworkAclId);
    if (acl)
      note(
        item,
        'NetworkAclId',
        `subnet ${id}: network ACL ${acl} is not modelled (reachability ignores it)`,
      );
    owner.vpc.subnets!.push(subnet);
  }

  // --- Peerings that are gone, each said once, with the routes dropped with them. ---
  for (const [id, { from, state, routes }] of dropped) {
    const withRoutes =
      routes === 0
        ? ''
        : routes === 1
          ? ', with the route that points at it'
          : `, with the ${routes} routes that point at it`;
    note(from, 'State', `peering ${id} is ${state}: not in the plan${withRoutes}`);
  }

  // --- Peerings whose ends are missing stay (the rules report REF_UNKNOWN), with a note. ---
  for (const { entry, from } of peerings.values()) {
    for (const end of [entry.requester, entry.accepter]) {
      if (!vpcs.has(end)) {
        const account = accountOfVpc.get(end);
        note(
          from,
          '',
          `peering ${entry.id}: VPC ${end}${account ? ` of account ${account}` : ''} is not in the DescribeVpcs answers; add that account's answers to import it`,
        );
      }
    }
  }

  const ccns = finishCcns(
    ccnDrafts,
    { fallbackOwner: fallbackAccount, vpcIds: new Set(vpcs.keys()), unknownAccount: UNKNOWN_ACCOUNT },
    ccnContext,
  );
  for (const ccn of ccns) if (ccn.account !== UNKNOWN_ACCOUNT) peerAccounts.add(ccn.account);

  // --- Accounts: those owning imported VPCs are ours; accounts only seen across a peering or a CCN are not. ---
  const ownAccounts = new Set([...vpcs.values()].map(({ vpc }) => vpc.account));
  const accounts: PlanFile['accounts'] = [];
  for (const id of [...ownAccounts].sort()) accounts.push({ id, name: id, own: true });
  for (const id of [...peerAccounts].sort()) {
    if (!ownAccounts.has(id)) accounts.push({ id, name: id, own: false, trusted: false });
  }

  const file: PlanFile = {
    format: PLAN_FORMAT,
    name: options.name ?? 'Imported from Tencent Cloud',
    asOf: options.asOf,
    accounts,
    vpcs: [...vpcs.values()].map(({ vpc }) => vpc),
    peerings: [...peerings.values()].map(({ entry }) => entry),
    traffic: [],
    ...(ccns.length > 0 ? { ccns } : {}),
  };
  return { file, unmapped, errors };
}

function collectSets(
  source: ImportSourceFile,
  sets: Record<SetKey, Located<Json>[]>,
  unmapped: UnmappedItem[],
): void {
  let document: unknown;
  try {
    document = JSON.parse(source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text);
  } catch (cause) {
    unmapped.push({
      file: source.name,
      path: '',
      message: `not JSON (${(cause as Error).message}): skipped`,
    });
    return;
  }
  const wrapped = isObject(document) && isObject(document.Response);
  const root = wrapped ? (document as { Response: Json }).Response : document;
  const prefix = wrapped ? 'Response.' : '';
  if (!isObject(root)) {
    unmapped.push({
      file: source.name,
      path: '',
      message: 'not a Describe* answer (no JSON object): skipped',
    });
    return;
  }
  if (isObject(root.Error)) {
    const code = str(root.Error.Code) ?? '?';
    const message = str(root.Error.Message) ?? '';
    unmapped.push({
      file: source.name,
      path: `${prefix}Error`,
      message: `an API error answer (${code} ${message}): skipped`,
    });
    return;
  }
  const region = REGION_IN_PATH.exec(source.name)?.[1];
  let found = false;
  for (const key of Object.keys(root)) {
    if (METADATA_KEYS.has(key)) continue;
    const setKey = SET_KEYS.find((k) => k === key);
    const value = root[key];
    // The cloud answers an empty set as null: nothing to import, nothing to report.
    if (setKey && value === null) {
      found = true;
      continue;
    }
    if (!setKey || !Array.isArray(value)) {
      unmapped.push({
        file: source.name,
        path: `${prefix}${key}`,
        message: `not a ${SET_NAMES}: skipped`,
      });
      continue;
    }
    found = true;
    value.forEach((element: unknown, index) => {
      const path = `${prefix}${key}[${index}]`;
      if (!isObject(element)) unmapped.push({ file: source.name, path, message: 'not an object: skipped' });
      else sets[setKey].push({ value: element, file: source.name, path, ...(region ? { region } : {}) });
    });
  }
  if (!found && Object.keys(root).every((k) => METADATA_KEYS.has(k))) {
    unmapped.push({
      file: source.name,
      path: '',
      message: `no ${SET_NAMES}: skipped`,
    });
  }
}
