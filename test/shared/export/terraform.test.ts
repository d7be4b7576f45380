import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { exportTerraform, hclString } from '../../../shared/export/terraform';
import type { Plan } from '../../../shared/plan/model';
import {
  EVERYTHING_CLOUD_NEXT_HOPS,
  PARTNER_PLAN,
  examplePlan,
  partnerPlanWithEverything,
  planFromObject,
} from './plans';

type Block = Record<string, unknown>;
interface Hcl {
  provider: { tencentcloud: Block[] };
  variable?: Record<string, Block[]>;
  resource: Record<string, Record<string, Block[]>>;
}

async function terraformOf(plan: Plan): Promise<{ text: string; hcl: Hcl }> {
  const text = exportTerraform(plan);
  const hcl = (await parse('main.tf', text)) as Hcl;
  return { text, hcl };
}

function resources(hcl: Hcl, type: string): [string, Block][] {
  return Object.entries(hcl.resource[type] ?? {}).map(([name, blocks]) => [name, blocks[0]!]);
}

/** Every `${a.b.c}` in the parsed configuration. */
function references(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) out.push(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => references(v, out));
  return out;
}

function expectAllReferencesResolve(hcl: Hcl): void {
  const aliases = new Set(hcl.provider.tencentcloud.map((p) => p.alias));
  const refs = references(hcl.resource);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) {
    const parts = ref.split('.');
    if (parts[0] === 'tencentcloud') {
      expect(parts).toHaveLength(2);
      expect(aliases, ref).toContain(parts[1]);
    } else if (parts[0] === 'var') {
      expect(parts).toHaveLength(2);
      expect(hcl.variable?.[parts[1]!], `${ref} is declared`).toBeDefined();
    } else {
      expect(parts, ref).toHaveLength(3);
      expect(hcl.resource[parts[0]!]?.[parts[1]!], `${ref} resolves`).toBeDefined();
    }
  }
}

describe('Terraform export', () => {
  it('quick start: the resources of the seed steps, linked by expressions', async () => {
    const plan = examplePlan('quickstart');
    const { hcl } = await terraformOf(plan);
    expectAllReferencesResolve(hcl);

    // One provider per account and region, locked to the account, its credentials from a profile variable.
    expect(hcl.provider.tencentcloud).toEqual([
      {
        alias: 'platform_ap_guangzhou',
        region: 'ap-guangzhou',
        profile: '${var.platform_profile}',
        allowed_account_ids: ['100000000001'],
      },
      {
        alias: 'platform_ap_beijing',
        region: 'ap-beijing',
        profile: '${var.platform_profile}',
        allowed_account_ids: ['100000000001'],
      },
    ]);
    expect(hcl.variable!.platform_profile![0]).toMatchObject({ type: '${string}', default: null });
    const vpcs = resources(hcl, 'tencentcloud_vpc');
    // hcl2json lists resources by name.
    expect(vpcs.map(([, b]) => [b.name, b.cidr_block, b.provider])).toEqual([
      ['VPC2', '10.0.0.0/16', '${tencentcloud.platform_ap_beijing}'],
      ['VPC1', '192.168.0.0/16', '${tencentcloud.platform_ap_guangzhou}'],
    ]);
    const subnets = resources(hcl, 'tencentcloud_subnet');
    expect(subnets.map(([, b]) => [b.cidr_block, b.availability_zone, b.vpc_id, b.route_table_id])).toEqual([
      [
        '10.0.1.0/24',
        'ap-beijing-5',
        '${tencentcloud_vpc.vpc_bj02.id}',
        '${tencentcloud_vpc.vpc_bj02.default_route_table_id}',
      ],
      [
        '192.168.1.0/24',
        'ap-guangzhou-3',
        '${tencentcloud_vpc.vpc_gz01.id}',
        '${tencentcloud_vpc.vpc_gz01.default_route_table_id}',
      ],
    ]);
    const peerings = resources(hcl, 'tencentcloud_vpc_peer_connect_manager');
    expect(peerings).toHaveLength(1);
    const [peeringName, peering] = peerings[0]!;
    expect(peering).toMatchObject({
      provider: '${tencentcloud.platform_ap_guangzhou}',
      source_vpc_id: '${tencentcloud_vpc.vpc_gz01.id}',
      peering_connection_name: 'PeerConn',
      destination_vpc_id: '${tencentcloud_vpc.vpc_bj02.id}',
      destination_uin: '100000000001',
      destination_region: 'ap-beijing',
      bandwidth: 100,
      charge_type: 'POSTPAID_BY_DAY_MAX',
    });
    // Same account: no accept step (the peering is active at once).
    expect(hcl.resource.tencentcloud_vpc_peer_connect_accept_operation).toBeUndefined();

    const routes = resources(hcl, 'tencentcloud_route_table_entry').map(([, b]) => b);
    expect(routes).toEqual([
      {
        provider: '${tencentcloud.platform_ap_beijing}',
        route_table_id: '${tencentcloud_vpc.vpc_bj02.default_route_table_id}',
        destination_cidr_block: '192.168.1.0/24',
        next_type: 'PEERCONNECTION',
        next_hub: `\${tencentcloud_vpc_peer_connect_manager.${peeringName}.id}`,
      },
      {
        provider: '${tencentcloud.platform_ap_guangzhou}',
        route_table_id: '${tencentcloud_vpc.vpc_gz01.default_route_table_id}',
        destination_cidr_block: '10.0.1.0/24',
        next_type: 'PEERCONNECTION',
        next_hub: `\${tencentcloud_vpc_peer_connect_manager.${peeringName}.id}`,
      },
    ]);
  });

  it('never pastes a plan ID where a resource is meant', async () => {
    for (const plan of [
      examplePlan('quickstart'),
      examplePlan('shanghai-hub'),
      planFromObject(PARTNER_PLAN),
    ]) {
      const { hcl } = await terraformOf(plan);
      expectAllReferencesResolve(hcl);
      const planIds = new Set<string>([
        ...plan.vpcs.flatMap((v) => [v.id, ...v.subnets.map((s) => s.id), ...v.routeTables.map((t) => t.id)]),
        ...plan.peerings.map((p) => p.id),
      ]);
      const strings: string[] = [];
      const collect = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(collect);
      };
      collect(hcl.resource);
      for (const s of strings) expect(planIds.has(s), `pasted ID ${s}`).toBe(false);
    }
  });

  it('cross-account: the accept runs on the accepter region, custom tables, skipped peerings listed', async () => {
    const { text, hcl } = await terraformOf(planFromObject(PARTNER_PLAN));
    expectAllReferencesResolve(hcl);

    const accepts = resources(hcl, 'tencentcloud_vpc_peer_connect_accept_operation');
    expect(accepts).toHaveLength(1);
    // The accept runs on the partner's provider, locked to the partner's account; the request on ours.
    expect(accepts[0]![1]).toEqual({
      provider: '${tencentcloud.partner_ap_shanghai}',
      peering_connection_id: '${tencentcloud_vpc_peer_connect_manager.pcx_partner.id}',
    });
    const providers = Object.fromEntries(
      hcl.provider.tencentcloud.map((p) => [p.alias, p.allowed_account_ids]),
    );
    expect(providers).toEqual({
      platform_ap_guangzhou: ['100000000001'],
      partner_ap_shanghai: ['200000000002'],
      platform_ap_beijing: ['100000000001'],
    });
    expect(text).toMatch(
      /# Account Partner \(200000000002\) in ap-shanghai: apply with this account's credentials/,
    );
    const partnerVpc = resources(hcl, 'tencentcloud_vpc').find(([name]) => name === 'vpc_partner')![1];
    expect(partnerVpc.provider).toBe('${tencentcloud.partner_ap_shanghai}');
    expect(resources(hcl, 'tencentcloud_vpc_peer_connect_manager')[0]![1].provider).toBe(
      '${tencentcloud.platform_ap_guangzhou}',
    );

    const [, peering] = resources(hcl, 'tencentcloud_vpc_peer_connect_manager')[0]!;
    expect(peering).toMatchObject({
      destination_uin: '200000000002',
      charge_type: 'POSTPAID_BY_MONTH_95',
      bandwidth: 50,
    });
    // The rejected peering is not created; it and the route to it are listed as comments.
    expect(Object.keys(hcl.resource.tencentcloud_vpc_peer_connect_manager!)).toEqual(['pcx_partner']);
    expect(text).toContain('#   - Peering old (pcx-old) is rejected: not created.');
    expect(text).toContain('#   - Route rtb-gz-db#0 (192.168.0.0/16): its peering pcx-old is not created');

    const vpc = resources(hcl, 'tencentcloud_vpc').find(([name]) => name === 'vpc_gz')![1];
    expect(vpc.assistant_cidrs).toEqual(['10.1.0.0/16']);
    expect(vpc.name).toBe('core "gz"\nline two');

    expect(resources(hcl, 'tencentcloud_route_table')).toEqual([
      [
        'rtb_gz_db',
        [
          {
            provider: '${tencentcloud.platform_ap_guangzhou}',
            vpc_id: '${tencentcloud_vpc.vpc_gz.id}',
            name: 'db',
          },
        ][0],
      ],
    ]);
    const dbSubnet = resources(hcl, 'tencentcloud_subnet').find(([name]) => name === 'sn_gz_db')![1];
    expect(dbSubnet.route_table_id).toBe('${tencentcloud_route_table.rtb_gz_db.id}');

    const routes = resources(hcl, 'tencentcloud_route_table_entry').map(([, b]) => b);
    const nat = routes.find((r) => r.next_type === 'NAT')!;
    expect(nat.next_hub).toBe('nat-123');
    const disabled = routes.find((r) => r.destination_cidr_block === '172.16.1.0/24')!;
    expect(disabled).toMatchObject({
      disabled: true,
      route_table_id: '${tencentcloud_route_table.rtb_gz_db.id}',
      next_type: 'PEERCONNECTION',
    });
  });

  it('escapes strings so names cannot break out or start a template', async () => {
    expect(hclString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(hclString('${x} %{y}')).toBe('"$${x} %%{y}"');
    const { hcl } = await terraformOf(planFromObject(PARTNER_PLAN));
    // `${x}` in a description stays text: escaped, it is not a reference.
    const nat = resources(hcl, 'tencentcloud_route_table_entry')
      .map(([, b]) => b)
      .find((r) => r.next_type === 'NAT')!;
    expect(references(nat.description)).toEqual([]);
  });

  it('gives unique valid resource names to IDs that collide once sanitised', async () => {
    const plan = planFromObject({
      format: 'peerplan/1',
      name: 'collide',
      accounts: [{ id: '1' }],
      vpcs: [
        { id: 'vpc-a', account: '1', region: 'ap-guangzhou', cidr: '10.0.0.0/16' },
        { id: 'vpc_a', account: '1', region: 'ap-guangzhou', cidr: '10.1.0.0/16' },
        { id: '9vpc', account: '1', region: 'ap-guangzhou', cidr: '10.2.0.0/16' },
      ],
    });
    const { hcl } = await terraformOf(plan);
    expect(Object.keys(hcl.resource.tencentcloud_vpc!).sort()).toEqual(['_9vpc', 'vpc_a', 'vpc_a_2']);
  });

  it('a broken plan still gives valid Terraform, listing what it leaves out', async () => {
    const plan = planFromObject({
      format: 'peerplan/1',
      name: 'broken',
      accounts: [{ id: '1' }],
      vpcs: [
        { id: 'v', account: '1', region: 'mars-1', cidr: 'bad', subnets: [{ id: 's', cidr: '10.0.0.0/33' }] },
        { id: 'v', account: '9', region: 'ap-guangzhou', cidr: '10.0.0.0/16' },
      ],
      peerings: [
        { id: 'p', requester: 'v', accepter: 'ghost' },
        { id: 'p', requester: 'v', accepter: 'v' },
        { id: 'q', requester: 'v', accepter: 'v' },
      ],
    });
    const { text, hcl } = await terraformOf(plan);
    expectAllReferencesResolve(hcl);
    expect(Object.keys(hcl.resource.tencentcloud_vpc!)).toEqual(['v']);
    expect(hcl.resource.tencentcloud_vpc_peer_connect_manager).toBeUndefined();
    expect(text).toContain('#   - VPC v: a second VPC with this ID (ID_DUPLICATE) is not exported.');
    expect(text).toContain('#   - Peering p: an end VPC is not in the plan (REF_UNKNOWN): not created.');
    expect(text).toContain('#   - Peering p: a second peering with this ID (ID_DUPLICATE) is not exported.');
    expect(text).toContain('#   - Peering q: both ends are v (PEERING_SELF): not created.');
  });

  it('a subnet without zone reads it from a variable without default; isolated peerings and new next hops are written as the cloud has them', async () => {
    const { text, hcl } = await terraformOf(partnerPlanWithEverything());
    expectAllReferencesResolve(hcl);
    const db = resources(hcl, 'tencentcloud_subnet').find(([name]) => name === 'sn_gz_db')![1];
    expect(db.availability_zone).toBe('${var.zone_sn_gz_db}');
    const variable = hcl.variable!.zone_sn_gz_db![0]!;
    expect(variable.type).toBe('${string}');
    expect('default' in variable).toBe(false);
    expect(variable.description).toContain('ap-guangzhou-3');
    expect(text).not.toContain('availability_zone = ""');
    // The isolated peering is created, with a note; the route to it too.
    expect(Object.keys(hcl.resource.tencentcloud_vpc_peer_connect_manager!).sort()).toEqual([
      'pcx_old',
      'pcx_partner',
    ]);
    expect(text).toContain('Isolated in the cloud');
    expect(text).not.toContain('its peering pcx-old is not created');
    const nextTypes = resources(hcl, 'tencentcloud_route_table_entry')
      .map(([, b]) => b)
      .filter((b) => b.provider === '${tencentcloud.platform_ap_beijing}')
      .map((b) => [b.next_type, b.next_hub])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(nextTypes).toEqual([...EVERYTHING_CLOUD_NEXT_HOPS].sort((a, b) => a[0]!.localeCompare(b[0]!)));
  });
});
