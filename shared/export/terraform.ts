/**
 * Terraform for the tencentcloud provider (cloud-peering-facts.md §2.6): the plan's VPCs, subnets,
 * route tables, routes and peerings as resources.
 *
 * One provider configuration per account and region (alias `platform_ap_shanghai`), each with
 * `allowed_account_ids = ["<uin>"]`, so that applying with the wrong credentials fails before
 * anything is created; each resource uses its owner's provider, a peering request the requester's
 * and the accept step the accepter's. Each account's credentials come from its `profile` variable
 * (a profile of that account in the tencentcloud credentials file) or, when it is not set, from
 * the environment. A subnet without a zone reads it from an input variable with no default:
 * `validate` passes and `plan` asks for it, instead of an empty zone that fails at apply.
 *
 * Every link between resources is a Terraform expression (`tencentcloud_vpc.vpc_gz01.id`), never an
 * ID pasted from the plan: the plan's IDs are placeholders the cloud replaces when it creates the
 * objects. Only next hops that are not plan objects (a NAT gateway, a VPN gateway) keep their
 * cloud ID as a string. A route into a VPC's default route table uses the VPC's exported
 * `default_route_table_id`, because the default table is created with the VPC.
 *
 * Pending, active and isolated peerings are created (an isolated one exists in the cloud, which
 * isolated it, e.g. for an overdue bill); expired and rejected ones (and routes to them) are
 * listed as comments, so the reviewer sees what was left out and why.
 *
 * CCNs (spec/ccn.md): `tencentcloud_ccn` on the owner's provider; each pending or active attachment
 * on its VPC owner's provider, in attachment order (`depends_on` the previous one: the first
 * attached instance wins a route conflict), with `ccn_uin` and the owner's
 * `tencentcloud_ccn_instances_accept_attach` when the accounts differ; bandwidth limits on the
 * owner's provider after the attachments. Rejected and expired attachments are listed as comments.
 */
import { visible } from '../text/visible';
import type { Account, Peering, Plan, Route, RouteTable, Subnet, Vpc } from '../plan/model';
import { ccnAttachmentId, routeId } from '../plan/model';
import { effectivePeeringState, existsInCloud, isCrossAccount, isCrossRegion } from '../plan/peering';
import { zonesOfRegion } from '../catalog/zones';
import { defaultRouteTableOf } from './default-table';
import { IdentifierAllocator, toIdentifier } from './names';
import { gatewayTypeOf } from '../catalog/next-hops';
import {
  API_CCN_CHARGE_TYPE,
  API_CCN_LIMIT_TYPE,
  API_CHARGE_TYPE,
  CCN_INSTANCE_TYPE_VPC,
} from './tencent-vocabulary';
import { ccnDescription, ccnOwnerRegion, ccnsToCreate } from './ccn-members';

/** A Terraform expression, written as it is (not quoted). */
interface Expression {
  readonly expression: string;
}
type Value = string | number | boolean | Expression | readonly string[];

interface Attribute {
  readonly key: string;
  readonly value: Value;
  readonly comment?: string;
}

const expr = (expression: string): Expression => ({ expression });

/** An HCL quoted string: escapes, and `${` / `%{` doubled so they are not read as templates. */
export function hclString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  out += '"';
  // A function replacement: in a replacement string `$$` would itself mean one `$`.
  return out.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** Text for a `#` comment: one line, with control and bidi characters shown as escapes. */
function commentText(text: string): string {
  return visible(text);
}

function renderValue(value: Value): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v: string) => hclString(v)).join(', ')}]`;
  return (value as Expression).expression;
}

/** A nested block inside a resource (`instances { … }`). */
interface NestedBlock {
  readonly type: string;
  readonly attributes: readonly Attribute[];
}

function renderAttributes(attributes: readonly Attribute[], indent: string): string[] {
  const width = Math.max(0, ...attributes.map((a) => a.key.length));
  return attributes.map((a) => {
    const comment = a.comment === undefined ? '' : ` # ${commentText(a.comment)}`;
    return `${indent}${a.key.padEnd(width)} = ${renderValue(a.value)}${comment}`;
  });
}

function renderBlock(
  header: string,
  attributes: readonly Attribute[],
  comments: readonly string[] = [],
  nested: readonly NestedBlock[] = [],
): string {
  const lines = comments.map((c) => `# ${commentText(c)}`);
  lines.push(`${header} {`);
  lines.push(...renderAttributes(attributes, '  '));
  for (const block of nested) {
    lines.push('', `  ${block.type} {`, ...renderAttributes(block.attributes, '    '), '  }');
  }
  lines.push('}');
  return lines.join('\n');
}

export interface TerraformExportOptions {
  /** Provider source and version constraint written in `required_providers`. */
  readonly providerVersion?: string;
}

export function exportTerraform(plan: Plan, options: TerraformExportOptions = {}): string {
  const vpcNames = new IdentifierAllocator();
  const subnetNames = new IdentifierAllocator();
  const tableNames = new IdentifierAllocator();
  const routeNames = new IdentifierAllocator();
  const peeringNames = new IdentifierAllocator();
  const providerAliases = new IdentifierAllocator();
  const accountParts = new IdentifierAllocator();
  const variableNames = new IdentifierAllocator();

  const accountById = new Map<string, Account>(plan.accounts.map((a) => [a.id, a]));
  const vpcById = new Map<string, Vpc>();
  for (const vpc of plan.vpcs) if (!vpcById.has(vpc.id)) vpcById.set(vpc.id, vpc);
  const peeringById = new Map<string, Peering>();
  for (const p of plan.peerings) if (!peeringById.has(p.id)) peeringById.set(p.id, p);

  // The account part of provider aliases and variables: its name (`platform`), else `account_<uin>`.
  const accountPart = (id: string): string => {
    const name = accountById.get(id)?.name;
    const readable = name !== undefined && name !== id ? toIdentifier(name.toLowerCase()) : '';
    const base = readable.replace(/_+/g, '_').replace(/^_|_$/g, '');
    return accountParts.nameOf(
      id,
      /^[A-Za-z]/.test(base) ? base : `account_${id.replace(/[^A-Za-z0-9_]/g, '_')}`,
    );
  };
  const profileVariable = (account: string): string =>
    variableNames.nameOf(`profile\u0000${account}`, `${accountPart(account)}_profile`);
  const providers = new Map<
    string,
    { readonly account: string; readonly region: string; readonly alias: string }
  >();
  const providerOf = (owner: Pick<Vpc, 'account' | 'region'>): Expression => {
    const key = `${owner.account}\u0000${owner.region}`;
    let provider = providers.get(key);
    if (!provider) {
      const alias = providerAliases.nameOf(
        key,
        `${accountPart(owner.account)}_${toIdentifier(owner.region)}`,
      );
      provider = { account: owner.account, region: owner.region, alias };
      providers.set(key, provider);
    }
    return expr(`tencentcloud.${provider.alias}`);
  };
  const zoneVariables: string[] = [];
  const zoneOf = (vpc: Vpc, subnet: Subnet): Value => {
    if (subnet.zone !== undefined && subnet.zone !== '') return subnet.zone;
    const name = variableNames.nameOf(
      `zone\u0000${vpc.id}\u0000${subnet.id}`,
      `zone_${toIdentifier(subnet.id)}`,
    );
    const zones = zonesOfRegion(vpc.region);
    const description = `Availability zone of subnet ${subnet.name} (plan ID ${subnet.id}) in VPC ${vpc.id}, region ${vpc.region}: the plan gives none${zones.length > 0 ? ` (one of ${zones.join(', ')})` : ''}.`;
    zoneVariables.push(
      renderBlock(`variable ${hclString(name)}`, [
        { key: 'type', value: expr('string') },
        { key: 'description', value: description },
      ]),
    );
    return expr(`var.${name}`);
  };
  const vpcRef = (vpc: Vpc, attribute = 'id'): Expression =>
    expr(`tencentcloud_vpc.${vpcNames.nameOf(vpc.id)}.${attribute}`);
  const accountLabel = (id: string): string => {
    const account = accountById.get(id);
    return account && account.name !== id ? `${account.name} (${id})` : id;
  };
  const foreignNote = (accountId: string): string[] => {
    const account = accountById.get(accountId);
    return account && !account.own
      ? [`Account ${accountLabel(accountId)} is not ours: apply this with that account's credentials.`]
      : [];
  };

  // Providers in order of first use by a VPC, so the file reads in the plan's order. Every
  // resource but a CCN's belongs to a VPC's account and region; a CCN owner whose account has no
  // VPC in the plan gets a provider of its own (ccnOwnerRegion).
  for (const vpc of plan.vpcs) providerOf(vpc);

  const sections: string[] = [];
  const skipped: string[] = [];

  // --- VPCs, their route tables and subnets ---
  const emittedVpcIds = new Set<string>();
  for (const vpc of plan.vpcs) {
    if (emittedVpcIds.has(vpc.id)) {
      skipped.push(`VPC ${vpc.id}: a second VPC with this ID (ID_DUPLICATE) is not exported.`);
      continue;
    }
    emittedVpcIds.add(vpc.id);
    const blocks: string[] = [];
    const vpcAttributes: Attribute[] = [
      { key: 'provider', value: providerOf(vpc) },
      { key: 'name', value: vpc.name },
      { key: 'cidr_block', value: vpc.cidr },
    ];
    if (vpc.secondaryCidrs.length > 0)
      vpcAttributes.push({ key: 'assistant_cidrs', value: vpc.secondaryCidrs });
    blocks.push(
      renderBlock(`resource "tencentcloud_vpc" ${hclString(vpcNames.nameOf(vpc.id))}`, vpcAttributes, [
        `VPC ${vpc.name} (plan ID ${vpc.id}), account ${accountLabel(vpc.account)}, region ${vpc.region}`,
        ...foreignNote(vpc.account),
      ]),
    );

    const tableRef = tableReferences(vpc, vpcRef, tableNames);
    for (const table of vpc.routeTables) {
      if (table === defaultRouteTableOf(vpc)) continue;
      blocks.push(
        renderBlock(
          `resource "tencentcloud_route_table" ${hclString(tableNames.nameOf(table.id))}`,
          [
            { key: 'provider', value: providerOf(vpc) },
            { key: 'vpc_id', value: vpcRef(vpc) },
            { key: 'name', value: table.name },
          ],
          [`Route table ${table.name} (plan ID ${table.id})`],
        ),
      );
    }

    for (const subnet of vpc.subnets) {
      blocks.push(
        renderSubnet(vpc, subnet, providerOf(vpc), zoneOf(vpc, subnet), vpcRef, tableRef, subnetNames),
      );
    }
    sections.push(blocks.join('\n\n'));
  }

  // --- Peerings: the request, and the accept for a cross-account one ---
  const exportedPeerings = new Set<string>();
  const seenPeerings = new Set<string>();
  const peeringBlocks: string[] = [];
  for (const peering of plan.peerings) {
    const requester = vpcById.get(peering.requester);
    const accepter = vpcById.get(peering.accepter);
    const state = effectivePeeringState(peering, plan.asOf);
    if (seenPeerings.has(peering.id)) {
      skipped.push(`Peering ${peering.id}: a second peering with this ID (ID_DUPLICATE) is not exported.`);
      continue;
    }
    seenPeerings.add(peering.id);
    if (!existsInCloud(peering, plan.asOf)) {
      skipped.push(`Peering ${peering.name} (${peering.id}) is ${state}: not created.`);
      continue;
    }
    if (!requester || !accepter) {
      skipped.push(`Peering ${peering.id}: an end VPC is not in the plan (REF_UNKNOWN): not created.`);
      continue;
    }
    if (requester === accepter) {
      skipped.push(`Peering ${peering.id}: both ends are ${requester.id} (PEERING_SELF): not created.`);
      continue;
    }
    exportedPeerings.add(peering.id);
    const name = peeringNames.nameOf(peering.id);
    const crossRegion = isCrossRegion(requester, accepter);
    const attributes: Attribute[] = [
      { key: 'provider', value: providerOf(requester) },
      { key: 'source_vpc_id', value: vpcRef(requester) },
      { key: 'peering_connection_name', value: peering.name },
      { key: 'destination_vpc_id', value: vpcRef(accepter) },
      { key: 'destination_uin', value: accepter.account },
      { key: 'destination_region', value: accepter.region },
    ];
    if (crossRegion) {
      if (peering.bandwidthMbps !== undefined)
        attributes.push({ key: 'bandwidth', value: peering.bandwidthMbps });
      attributes.push({ key: 'charge_type', value: API_CHARGE_TYPE[peering.chargeType] });
    }
    const kind = `${crossRegion ? 'cross-region' : 'regional'}, ${
      isCrossAccount(requester, accepter) ? 'cross-account' : 'same account'
    }`;
    peeringBlocks.push(
      renderBlock(`resource "tencentcloud_vpc_peer_connect_manager" ${hclString(name)}`, attributes, [
        `Peering ${peering.name} (plan ID ${peering.id}): ${requester.id} -> ${accepter.id}, ${kind}, planned ${state}.`,
        ...(crossRegion
          ? [`Paid by the requester's account ${accountLabel(requester.account)}.`]
          : ['Regional peering: no bandwidth cap to set, free.']),
        ...(state === 'isolated'
          ? [
              'Isolated in the cloud (e.g. an overdue bill): created as planned, it carries nothing until restored.',
            ]
          : []),
        ...foreignNote(requester.account),
      ]),
    );
    if (isCrossAccount(requester, accepter)) {
      peeringBlocks.push(
        renderBlock(
          `resource "tencentcloud_vpc_peer_connect_accept_operation" ${hclString(`${name}_accept`)}`,
          [
            { key: 'provider', value: providerOf(accepter) },
            { key: 'peering_connection_id', value: expr(`tencentcloud_vpc_peer_connect_manager.${name}.id`) },
          ],
          [
            `The accepter's side of ${peering.id}: it runs on the provider of the peer account`,
            `${accountLabel(accepter.account)}, which owns ${accepter.id}, with that account's credentials.`,
          ],
        ),
      );
    }
  }
  if (peeringBlocks.length > 0) sections.push(peeringBlocks.join('\n\n'));

  // --- CCNs: the CCN, its members in attachment order, the accepts, the bandwidth limits ---
  const ccnPlan = ccnsToCreate(plan);
  for (const { planObject, reason } of ccnPlan.skipped) skipped.push(`CCN ${planObject}: ${reason}`);
  const ccnNames = new IdentifierAllocator();
  const attachmentNames = new IdentifierAllocator();
  const limitNames = new IdentifierAllocator();
  const ccnBlocks: string[] = [];
  for (const { ccn, members, limits } of ccnPlan.ccns) {
    const name = ccnNames.nameOf(ccn.id);
    const ccnRef = expr(`tencentcloud_ccn.${name}.id`);
    const owner = { account: ccn.account, region: ccnOwnerRegion(ccn, members, plan.vpcs) };
    ccnBlocks.push(
      renderBlock(
        `resource "tencentcloud_ccn" ${hclString(name)}`,
        [
          { key: 'provider', value: providerOf(owner) },
          { key: 'name', value: ccn.name },
          { key: 'description', value: ccnDescription(ccn) },
          { key: 'qos', value: ccn.qosLevel },
          { key: 'charge_type', value: API_CCN_CHARGE_TYPE[ccn.chargeType] },
          { key: 'bandwidth_limit_type', value: API_CCN_LIMIT_TYPE[ccn.bandwidthLimitType] },
        ],
        [
          `CCN ${ccn.name} (plan ID ${ccn.id}), owned and paid for by account ${accountLabel(ccn.account)}.`,
          'A CCN is global: its provider region only says where the API is called.',
          ...foreignNote(ccn.account),
        ],
      ),
    );
    const attachmentRefs: string[] = [];
    /** What makes each member active: its attachment, or the owner's accept of it. */
    const memberReady: string[] = [];
    for (const { attachment, vpc, crossAccount } of members) {
      const id = ccnAttachmentId(ccn.id, vpc.id);
      const attachmentName = attachmentNames.nameOf(id, `${name}_${toIdentifier(vpc.id)}`);
      const attributes: Attribute[] = [
        { key: 'provider', value: providerOf(vpc) },
        { key: 'ccn_id', value: ccnRef },
        { key: 'instance_type', value: CCN_INSTANCE_TYPE_VPC },
        { key: 'instance_id', value: vpcRef(vpc) },
        { key: 'instance_region', value: vpc.region },
      ];
      if (crossAccount) attributes.push({ key: 'ccn_uin', value: ccn.account });
      const previous = attachmentRefs.at(-1);
      if (previous !== undefined) attributes.push({ key: 'depends_on', value: expr(`[${previous}]`) });
      ccnBlocks.push(
        renderBlock(`resource "tencentcloud_ccn_attachment" ${hclString(attachmentName)}`, attributes, [
          `Attachment ${id}: ${vpc.name} (${vpc.id}, ${vpc.region}) joins ${ccn.id}, planned ${attachment.state}${
            attachment.attachedAt === undefined ? '' : `, attached ${attachment.attachedAt}`
          }.`,
          ...(previous === undefined
            ? []
            : ['After the previous member: attachment order decides which route wins a conflict.']),
          ...(crossAccount
            ? [
                `Cross-account: applied by ${accountLabel(vpc.account)}, which owns the VPC; pending until the CCN owner accepts.`,
              ]
            : []),
          ...foreignNote(vpc.account),
        ]),
      );
      attachmentRefs.push(`tencentcloud_ccn_attachment.${attachmentName}`);
      memberReady.push(
        crossAccount
          ? `tencentcloud_ccn_instances_accept_attach.${attachmentName}_accept`
          : `tencentcloud_ccn_attachment.${attachmentName}`,
      );
      if (crossAccount) {
        ccnBlocks.push(
          renderBlock(
            `resource "tencentcloud_ccn_instances_accept_attach" ${hclString(`${attachmentName}_accept`)}`,
            [
              { key: 'provider', value: providerOf(owner) },
              { key: 'ccn_id', value: ccnRef },
              { key: 'depends_on', value: expr(`[tencentcloud_ccn_attachment.${attachmentName}]`) },
            ],
            [
              `The CCN owner ${accountLabel(ccn.account)} accepts ${id}, with that account's credentials.`,
              ...(attachment.state === 'pending'
                ? ['Planned pending: until this step is applied the VPC is not an active member.']
                : []),
            ],
            [
              {
                type: 'instances',
                attributes: [
                  { key: 'instance_id', value: vpcRef(vpc) },
                  { key: 'instance_region', value: vpc.region },
                  { key: 'instance_type', value: CCN_INSTANCE_TYPE_VPC },
                ],
              },
            ],
          ),
        );
      }
    }
    for (const { limit, dstRegion, note } of limits) {
      const limitName = limitNames.nameOf(
        `${ccn.id}\u0000${limit.region}\u0000${dstRegion ?? ''}`,
        `${name}_${toIdentifier(limit.region)}${dstRegion === undefined ? '' : `_${toIdentifier(dstRegion)}`}`,
      );
      const attributes: Attribute[] = [
        { key: 'provider', value: providerOf(owner) },
        { key: 'ccn_id', value: ccnRef },
        { key: 'region', value: limit.region },
      ];
      if (dstRegion !== undefined) attributes.push({ key: 'dst_region', value: dstRegion });
      attributes.push({ key: 'bandwidth_limit', value: limit.mbps, comment: 'Mbps' });
      // A limit is set for regions with members: after the members are in.
      if (memberReady.length > 0)
        attributes.push({ key: 'depends_on', value: expr(`[${memberReady.join(', ')}]`) });
      ccnBlocks.push(
        renderBlock(`resource "tencentcloud_ccn_bandwidth_limit" ${hclString(limitName)}`, attributes, [
          `Bandwidth limit of ${ccn.id}: ${limit.region}${dstRegion === undefined ? ' (out of the region)' : ` -> ${dstRegion}`}, ${limit.mbps} Mbps.`,
          ...(note === undefined ? [] : [note]),
        ]),
      );
    }
  }
  if (ccnBlocks.length > 0) sections.push(ccnBlocks.join('\n\n'));

  // --- Routes ---
  const routeBlocks: string[] = [];
  for (const vpc of plan.vpcs) {
    if (vpcById.get(vpc.id) !== vpc) continue;
    const tableRef = tableReferences(vpc, vpcRef, tableNames);
    vpc.routeTables.forEach((table) => {
      table.routes.forEach((route, index) => {
        const id = routeId(table.id, index);
        const nextHub = nextHubOf(route, peeringById, exportedPeerings, peeringNames);
        if (typeof nextHub === 'object' && 'skip' in nextHub) {
          skipped.push(`Route ${id} (${route.destination}): ${nextHub.skip}`);
          return;
        }
        const attributes: Attribute[] = [
          { key: 'provider', value: providerOf(vpc) },
          { key: 'route_table_id', value: tableRef(table) },
          { key: 'destination_cidr_block', value: route.destination },
          { key: 'next_type', value: gatewayTypeOf(route.nextHop.type) },
          { key: 'next_hub', value: nextHub },
        ];
        if (route.description !== undefined && route.description !== '') {
          attributes.push({ key: 'description', value: route.description });
        }
        if (!route.enabled) attributes.push({ key: 'disabled', value: true });
        routeBlocks.push(
          renderBlock(
            `resource "tencentcloud_route_table_entry" ${hclString(routeNames.nameOf(`${tableNames.nameOf(table.id)}_${index}`))}`,
            attributes,
            [`Route ${id} in ${vpc.id}: ${route.destination} via ${route.nextHop.type} ${route.nextHop.id}`],
          ),
        );
      });
    });
  }
  if (routeBlocks.length > 0) sections.push(routeBlocks.join('\n\n'));

  const header = [
    `# Terraform for the tencentcloud provider, exported by Peerplan.`,
    `# Plan: ${commentText(plan.name)} (as of ${plan.asOf}).`,
    `# Resources refer to each other by expression; only next hops outside the plan keep cloud IDs.`,
    '',
    renderTerraformBlock(options.providerVersion),
    '',
    [...new Set([...providers.values()].map((provider) => provider.account))]
      .map((account) =>
        renderBlock(`variable ${hclString(profileVariable(account))}`, [
          { key: 'type', value: expr('string') },
          { key: 'default', value: expr('null') },
          {
            key: 'description',
            value: `Profile of account ${accountLabel(account)} in the tencentcloud credentials file (tccli configure --profile NAME); null: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY from the environment.`,
          },
        ]),
      )
      .join('\n\n'),
    '',
    [...providers.values()]
      .map((provider) =>
        renderBlock(
          'provider "tencentcloud"',
          [
            { key: 'alias', value: provider.alias },
            { key: 'region', value: provider.region },
            { key: 'profile', value: expr(`var.${profileVariable(provider.account)}`) },
            { key: 'allowed_account_ids', value: [provider.account] },
          ],
          [
            `Account ${accountLabel(provider.account)} in ${provider.region}: apply with this account's credentials, from`,
            `var.${profileVariable(provider.account)} or the environment; allowed_account_ids stops any other account before anything is created.`,
          ],
        ),
      )
      .join('\n\n'),
    ...(zoneVariables.length > 0 ? ['', zoneVariables.join('\n\n')] : []),
  ].join('\n');

  const skippedSection =
    skipped.length === 0
      ? ''
      : `\n\n# Not exported:\n${skipped.map((line) => `#   - ${commentText(line)}`).join('\n')}`;

  return `${[header, ...sections].join('\n\n')}${skippedSection}\n`;
}

function renderTerraformBlock(version: string | undefined): string {
  const versionLine = version === undefined ? '' : `\n      version = ${hclString(version)}`;
  return `terraform {\n  required_providers {\n    tencentcloud = {\n      source = "tencentcloudstack/tencentcloud"${versionLine}\n    }\n  }\n}`;
}

function tableReferences(
  vpc: Vpc,
  vpcRef: (vpc: Vpc, attribute?: string) => Expression,
  tableNames: IdentifierAllocator,
): (table: RouteTable) => Expression {
  const defaultTable = defaultRouteTableOf(vpc);
  return (table) =>
    table === defaultTable
      ? vpcRef(vpc, 'default_route_table_id')
      : expr(`tencentcloud_route_table.${tableNames.nameOf(table.id)}.id`);
}

function renderSubnet(
  vpc: Vpc,
  subnet: Subnet,
  provider: Expression,
  zone: Value,
  vpcRef: (vpc: Vpc, attribute?: string) => Expression,
  tableRef: (table: RouteTable) => Expression,
  subnetNames: IdentifierAllocator,
): string {
  const comments = [`Subnet ${subnet.name} (plan ID ${subnet.id})`];
  const attributes: Attribute[] = [
    { key: 'provider', value: provider },
    { key: 'vpc_id', value: vpcRef(vpc) },
    { key: 'name', value: subnet.name },
    { key: 'cidr_block', value: subnet.cidr },
    { key: 'availability_zone', value: zone },
  ];
  const table =
    subnet.routeTable === undefined ? undefined : vpc.routeTables.find((t) => t.id === subnet.routeTable);
  if (table) attributes.push({ key: 'route_table_id', value: tableRef(table) });
  else if (subnet.routeTable !== undefined) {
    comments.push(
      `Its route table ${subnet.routeTable} is not in ${vpc.id} (REF_UNKNOWN): left to the default.`,
    );
  }
  return renderBlock(
    `resource "tencentcloud_subnet" ${hclString(subnetNames.nameOf(subnet.id))}`,
    attributes,
    comments,
  );
}

function nextHubOf(
  route: Route,
  peeringById: ReadonlyMap<string, Peering>,
  exportedPeerings: ReadonlySet<string>,
  peeringNames: IdentifierAllocator,
): Value | { skip: string } {
  const hop = route.nextHop;
  if (hop.type !== 'peering') return hop.type === 'eip' ? '0' : hop.id;
  const peering = peeringById.get(hop.id);
  if (!peering) return { skip: `its peering ${hop.id} is not in the plan (REF_UNKNOWN).` };
  if (!exportedPeerings.has(peering.id)) return { skip: `its peering ${hop.id} is not created (see above).` };
  return expr(`tencentcloud_vpc_peer_connect_manager.${peeringNames.nameOf(peering.id)}.id`);
}
