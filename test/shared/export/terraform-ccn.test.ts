/**
 * CCNs in the Terraform export (spec/ccn.md, Exports): the CCN on its owner's provider, members in
 * attachment order on their VPC owner's provider, the owner's accept of a cross-account member,
 * bandwidth limits as the limit type allows, and what is left out listed once.
 */
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { exportTerraform } from '../../../shared/export/terraform';
import type { Plan } from '../../../shared/plan/model';
import { CCN_PREPAID_PLAN, ccnCorePlan, examplePlan, planFromObject } from './plans';

type Block = Record<string, unknown>;
interface Hcl {
  provider: { tencentcloud: Block[] };
  resource: Record<string, Record<string, Block[]>>;
}

async function terraformOf(plan: Plan): Promise<{ text: string; hcl: Hcl }> {
  const text = exportTerraform(plan);
  return { text, hcl: (await parse('main.tf', text)) as Hcl };
}

/** Resources of a type, by name (hcl2json sorts them by name). */
function resources(hcl: Hcl, type: string): [string, Block][] {
  return Object.entries(hcl.resource[type] ?? {}).map(([name, blocks]) => [name, blocks[0]!]);
}

/** Resource names of a type in the order the file writes them. */
function fileOrder(text: string, type: string): string[] {
  return [...text.matchAll(new RegExp(`^resource "${type}" "([^"]+)"`, 'gm'))].map((m) => m[1]!);
}

describe('Terraform export: CCNs', () => {
  it('ccn-core: the CCN, four members in attachment order, the accept of the cross-account one', async () => {
    const { text, hcl } = await terraformOf(ccnCorePlan());
    expect(resources(hcl, 'tencentcloud_ccn')).toEqual([
      [
        'ccn_core',
        {
          provider: '${tencentcloud.network_account_ap_guangzhou}',
          name: 'core',
          description: 'Peerplan CCN ccn-core',
          qos: 'AU',
          charge_type: 'POSTPAID',
          bandwidth_limit_type: 'OUTER_REGION_LIMIT',
        },
      ],
    ]);
    expect(fileOrder(text, 'tencentcloud_ccn_attachment')).toEqual([
      'ccn_core_vpc_gz',
      'ccn_core_vpc_sh',
      'ccn_core_vpc_bj',
      'ccn_core_vpc_data',
    ]);
    const byName = new Map(resources(hcl, 'tencentcloud_ccn_attachment'));
    const attachments = fileOrder(text, 'tencentcloud_ccn_attachment').map((name): [string, Block] => [
      name,
      byName.get(name)!,
    ]);
    expect(attachments[0]![1]).toEqual({
      provider: '${tencentcloud.network_account_ap_guangzhou}',
      ccn_id: '${tencentcloud_ccn.ccn_core.id}',
      instance_type: 'VPC',
      instance_id: '${tencentcloud_vpc.vpc_gz.id}',
      instance_region: 'ap-guangzhou',
    });
    // Each later member waits for the one before: the first attached wins a route conflict.
    expect(attachments.slice(1).map(([, b]) => b.depends_on)).toEqual([
      ['${tencentcloud_ccn_attachment.ccn_core_vpc_gz}'],
      ['${tencentcloud_ccn_attachment.ccn_core_vpc_sh}'],
      ['${tencentcloud_ccn_attachment.ccn_core_vpc_bj}'],
    ]);
    // The cross-account member: on the data team's provider, naming the CCN owner's UIN.
    expect(attachments[3]![1]).toMatchObject({
      provider: '${tencentcloud.data_team_ap_shanghai}',
      instance_id: '${tencentcloud_vpc.vpc_data.id}',
      instance_region: 'ap-shanghai',
      ccn_uin: '100000000001',
    });
    for (const [, block] of attachments.slice(0, 3)) expect(block.ccn_uin).toBeUndefined();
    expect(resources(hcl, 'tencentcloud_ccn_instances_accept_attach')).toEqual([
      [
        'ccn_core_vpc_data_accept',
        {
          provider: '${tencentcloud.network_account_ap_guangzhou}',
          ccn_id: '${tencentcloud_ccn.ccn_core.id}',
          depends_on: ['${tencentcloud_ccn_attachment.ccn_core_vpc_data}'],
          instances: [
            {
              instance_id: '${tencentcloud_vpc.vpc_data.id}',
              instance_region: 'ap-shanghai',
              instance_type: 'VPC',
            },
          ],
        },
      ],
    ]);
    expect(hcl.resource.tencentcloud_ccn_bandwidth_limit).toBeUndefined();
    expect(text).toContain(
      '# Attachment ccn-core@vpc-data: data (vpc-data, ap-shanghai) joins ccn-core, planned pending',
    );
    expect(text).not.toContain('Not exported');
  });

  it('a prepaid inter-region CCN of an account with no VPC: its own provider, limits per pair, the rest listed', async () => {
    const { text, hcl } = await terraformOf(planFromObject(CCN_PREPAID_PLAN));
    // The owner has no VPC: a provider of its own, in the region of the first member.
    expect(hcl.provider.tencentcloud.map((p) => [p.alias, p.region, p.allowed_account_ids])).toContainEqual([
      'network_hub_ap_guangzhou',
      'ap-guangzhou',
      ['300000000003'],
    ]);
    const [[, ccn]] = resources(hcl, 'tencentcloud_ccn') as [[string, Block]];
    expect(ccn).toMatchObject({
      provider: '${tencentcloud.network_hub_ap_guangzhou}',
      // HCL escapes: the quote, the line break, and `${` doubled so it is no template.
      name: 'hub "$${x}"\nline two',
      qos: 'PT',
      charge_type: 'PREPAID',
      bandwidth_limit_type: 'INTER_REGION_LIMIT',
    });
    expect(text).toContain('name                 = "hub \\"$${x}\\"\\nline two"');
    // Attachment order is by date, not list order: vpc-gz (11-01) before vpc-bj (11-03).
    expect(fileOrder(text, 'tencentcloud_ccn_attachment')).toEqual([
      'ccn_prepaid_vpc_gz',
      'ccn_prepaid_vpc_bj',
    ]);
    for (const [, b] of resources(hcl, 'tencentcloud_ccn_attachment')) expect(b.ccn_uin).toBe('300000000003');
    expect(fileOrder(text, 'tencentcloud_ccn_instances_accept_attach')).toEqual([
      'ccn_prepaid_vpc_gz_accept',
      'ccn_prepaid_vpc_bj_accept',
    ]);
    const memberReady = [
      '${tencentcloud_ccn_instances_accept_attach.ccn_prepaid_vpc_gz_accept}',
      '${tencentcloud_ccn_instances_accept_attach.ccn_prepaid_vpc_bj_accept}',
    ];
    expect(resources(hcl, 'tencentcloud_ccn_bandwidth_limit')).toEqual([
      [
        'ccn_prepaid_ap_beijing_ap_guangzhou',
        {
          provider: '${tencentcloud.network_hub_ap_guangzhou}',
          ccn_id: '${tencentcloud_ccn.ccn_prepaid.id}',
          region: 'ap-beijing',
          dst_region: 'ap-guangzhou',
          bandwidth_limit: 20,
          depends_on: memberReady,
        },
      ],
      [
        'ccn_prepaid_ap_guangzhou_ap_beijing',
        {
          provider: '${tencentcloud.network_hub_ap_guangzhou}',
          ccn_id: '${tencentcloud_ccn.ccn_prepaid.id}',
          region: 'ap-guangzhou',
          dst_region: 'ap-beijing',
          bandwidth_limit: 50,
          depends_on: memberReady,
        },
      ],
    ]);
    const notExported = text.slice(text.indexOf('# Not exported:'));
    expect(notExported.split('\n').filter((l) => l.startsWith('#   - '))).toEqual([
      '#   - CCN ccn-prepaid@vpc-sh: rejected: not a member in the cloud, not created (attach it again to make it one)',
      '#   - CCN ccn-prepaid@vpc-cd: expired: not a member in the cloud, not created (attach it again to make it one)',
      '#   - CCN ccn-prepaid@vpc-gone: its VPC is not in the plan (REF_UNKNOWN): not created',
      '#   - CCN ccn-prepaid limit ap-shanghai: an inter-region limit needs a destination region (dstRegion): not set',
    ]);
  });

  it('an outer-region limit has no dst_region, even when the plan gives one (said in a comment)', async () => {
    const file = {
      ...CCN_PREPAID_PLAN,
      ccns: [
        {
          id: 'ccn-o',
          name: 'o',
          account: '100000000001',
          attachments: [{ vpc: 'vpc-gz' }, { vpc: 'vpc-bj' }],
          bandwidthLimits: [
            { region: 'ap-guangzhou', mbps: 100 },
            { region: 'ap-beijing', dstRegion: 'ap-guangzhou', mbps: 30 },
          ],
        },
      ],
    };
    const { text, hcl } = await terraformOf(planFromObject(file));
    expect(
      resources(hcl, 'tencentcloud_ccn_bandwidth_limit').map(([, b]) => [
        b.region,
        b.dst_region,
        b.bandwidth_limit,
      ]),
    ).toEqual([
      ['ap-beijing', undefined, 30],
      ['ap-guangzhou', undefined, 100],
    ]);
    expect(text).toContain('an outer-region CCN limits a region, not a pair: set for ap-beijing alone');
    // Same account: no accept, no ccn_uin.
    expect(hcl.resource.tencentcloud_ccn_instances_accept_attach).toBeUndefined();
  });

  it('a plan without CCNs exports no CCN resource', async () => {
    const { text } = await terraformOf(examplePlan('quickstart'));
    expect(text).not.toContain('tencentcloud_ccn');
  });
});
