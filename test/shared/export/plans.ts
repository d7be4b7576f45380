/**
 * Plans for the export, import and diff tests, written as plan files (the format users write)
 * and parsed by the real parser, so the tests exercise what the command line sees.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Plan } from '../../../shared/plan/model';
import { NEXT_HOP_TYPES } from '../../../shared/plan/model';
import { parsePlanText } from '../../../shared/plan/parse';

export const TODAY = '2026-11-26';
/** The example plans that ship with Peerplan (shared/examples). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../shared/examples/', import.meta.url));

export function planFromText(text: string): Plan {
  const result = parsePlanText(text, { today: TODAY });
  if (!result.ok) throw new Error(`test plan does not parse: ${JSON.stringify(result.error)}`);
  return result.plan;
}

export function planFromObject(file: object): Plan {
  return planFromText(JSON.stringify(file));
}

export function examplePlan(name: 'quickstart' | 'shanghai-hub' | 'multi-region'): Plan {
  return planFromText(readFileSync(`${EXAMPLES_DIR}${name}.json`, 'utf8'));
}

/**
 * Two accounts, three regions: a cross-account pending peering (our VPC requests, the partner
 * accepts), a custom route table, a secondary CIDR, a rejected peering and a route to it, a NAT
 * route, a disabled route, and names that need escaping.
 */
export const PARTNER_PLAN = {
  format: 'peerplan/1',
  name: 'Partner "link" ${not.a.reference}',
  asOf: TODAY,
  accounts: [
    { id: '100000000001', name: 'Platform', own: true },
    { id: '200000000002', name: 'Partner', own: false, trusted: true },
  ],
  vpcs: [
    {
      id: 'vpc-gz',
      name: 'core "gz"\nline two',
      account: '100000000001',
      region: 'ap-guangzhou',
      cidr: '10.0.0.0/16',
      secondaryCidrs: ['10.1.0.0/16'],
      routeTables: [
        {
          id: 'rtb-gz-main',
          name: 'default',
          default: true,
          routes: [
            { destination: '172.16.0.0/16', nextHop: { type: 'peering', id: 'pcx-partner' } },
            { destination: '0.0.0.0/0', nextHop: { type: 'nat', id: 'nat-123' }, description: 'egress ${x}' },
          ],
        },
        {
          id: 'rtb-gz-db',
          name: 'db',
          routes: [
            { destination: '192.168.0.0/16', nextHop: { type: 'peering', id: 'pcx-old' } },
            { destination: '172.16.1.0/24', nextHop: { type: 'peering', id: 'pcx-partner' }, enabled: false },
          ],
        },
      ],
      subnets: [
        { id: 'sn-gz-app', name: 'app', cidr: '10.0.1.0/24', zone: 'ap-guangzhou-3' },
        { id: 'sn-gz-db', name: 'db', cidr: '10.1.1.0/24', zone: 'ap-guangzhou-4', routeTable: 'rtb-gz-db' },
      ],
    },
    {
      id: 'vpc-partner',
      name: 'partner',
      account: '200000000002',
      region: 'ap-shanghai',
      cidr: '172.16.0.0/16',
      routeTables: [
        {
          id: 'rtb-partner',
          name: 'default',
          default: true,
          routes: [{ destination: '10.0.1.0/24', nextHop: { type: 'peering', id: 'pcx-partner' } }],
        },
      ],
      subnets: [{ id: 'sn-partner', name: 'api', cidr: '172.16.1.0/24', zone: 'ap-shanghai-2' }],
    },
    {
      id: 'vpc-bj',
      name: 'old-bj',
      account: '100000000001',
      region: 'ap-beijing',
      cidr: '192.168.0.0/16',
      subnets: [{ id: 'sn-bj', name: 'legacy', cidr: '192.168.1.0/24', zone: 'ap-beijing-5' }],
    },
  ],
  peerings: [
    {
      id: 'pcx-partner',
      name: 'to-partner',
      requester: 'vpc-gz',
      accepter: 'vpc-partner',
      state: 'pending',
      requestedAt: '2026-11-25',
      bandwidthMbps: 50,
      chargeType: 'monthly-p95',
    },
    {
      id: 'pcx-old',
      name: 'old',
      requester: 'vpc-gz',
      accepter: 'vpc-bj',
      state: 'rejected',
      bandwidthMbps: 10,
    },
  ],
};

/** Text that breaks out of a code span, a line, a table cell, a Mermaid label or HTML. */
export const HOSTILE_TEXT =
  'x` | ] !\n# Owned\n![i](https://e.example/i.png)<img src=x onerror=alert(1)>"#quot;$$a$$\u202e\u001b[2J';

/**
 * The partner plan with every name and ID made hostile (each one distinct): the reports must
 * show them as text, in their place, and stay one document with the same structure.
 */
export function hostilePlan(): Plan {
  const text = JSON.stringify(PARTNER_PLAN);
  const ids = [
    'vpc-gz',
    'vpc-partner',
    'vpc-bj',
    'pcx-partner',
    'pcx-old',
    'rtb-gz-main',
    'rtb-gz-db',
  ].concat(['rtb-partner', 'sn-gz-app', 'sn-gz-db', 'sn-partner', 'sn-bj']);
  let hostile = text;
  for (const id of ids)
    hostile = hostile.replaceAll(`"${id}"`, () => JSON.stringify(`${id} ${HOSTILE_TEXT}`));
  const file = JSON.parse(hostile) as {
    name: string;
    vpcs: { name: string }[];
    peerings: { name: string }[];
  };
  file.name = `plan ${HOSTILE_TEXT}`;
  for (const vpc of file.vpcs) vpc.name = `${vpc.name} ${HOSTILE_TEXT}`;
  for (const peering of file.peerings) peering.name = `${peering.name} ${HOSTILE_TEXT}`;
  return planFromObject(file);
}

/** Characters that mean something to Markdown, GFM, GitHub, HTML or a terminal. */
export const HOSTILE_PIECES = [
  ...'`\\*_[]()<>|!#~&$@:;"\'-+=.{}/ ',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u202e',
  '\u3000',
  '\ufeff',
  '\ud800',
  'www.',
  'http://',
  '<img src=x onerror=alert(1)>',
  '![x](http://e/x.png)',
  '```',
  '&amp;',
  '&#60;',
  '1.',
  '# ',
  '- ',
  '> ',
  '    ',
  '|---|',
  '$$',
  'a',
  'Z',
  '9',
  '中',
  '😀',
];
/** Short strings made of those characters (and any other), for property tests of escaping. */
export const hostileString = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 24,
});

/**
 * `vpcCount` VPCs over three regions and `peeringCount` peerings between them, with names long
 * enough to make the diagram's text a real size.
 */
export function gridPlan(vpcCount: number, peeringCount: number): Plan {
  const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-beijing'];
  const vpcs = Array.from({ length: vpcCount }, (_, i) => ({
    id: `vpc-${i}`,
    name: `vpc ${i}`,
    account: '100000000001',
    region: regions[i % 3],
    cidr: `10.${i >> 4}.${(i & 15) << 4}.0/20`,
  }));
  const peerings = Array.from({ length: peeringCount }, (_, k) => {
    const a = k % vpcCount;
    const b = (a + 1 + (k % (vpcCount - 1))) % vpcCount;
    return {
      id: `pcx-${k}`,
      name: `peering ${k}`,
      requester: `vpc-${a}`,
      accepter: `vpc-${b}`,
      bandwidthMbps: 10,
    };
  });
  return planFromObject({
    format: 'peerplan/1',
    name: `grid ${vpcCount}/${peeringCount}`,
    asOf: TODAY,
    accounts: [{ id: '100000000001', name: 'Platform', own: true }],
    vpcs,
    peerings,
  });
}

/**
 * The cloud's GatewayType and GatewayId of each route of partnerPlanWithEverything's Beijing VPC,
 * in order: written by hand from the provider's ALL_GATE_WAY_TYPES, not from the code under test.
 */
export const EVERYTHING_CLOUD_NEXT_HOPS: readonly (readonly [string, string])[] = [
  ['NAT', 'gw-nat'],
  ['INTRANAT', 'gw-intranat'],
  ['VPN', 'gw-vpn'],
  ['SSLVPN', 'gw-sslvpn'],
  ['DIRECTCONNECT', 'gw-directconnect'],
  ['USER_CCN', 'gw-ccn'],
  ['NORMAL_CVM', 'gw-instance'],
  ['CVM', 'gw-cvm'],
  ['HAVIP', 'gw-havip'],
  ['EIP', '0'],
  ['LOCAL_GATEWAY', 'gw-localgateway'],
  ['GWLB_ENDPOINT', 'gw-gwlbendpoint'],
];

/**
 * PARTNER_PLAN made harder for the exports: its db subnet without zone, the rejected peering
 * isolated, and in the Beijing VPC one route of every next-hop type but `peering` (to `gw-<type>`,
 * destinations 172.20.0.0/16 on), every other one disabled when `disableEveryOther`.
 */
export function partnerPlanWithEverything(disableEveryOther = false): Plan {
  const file = structuredClone(PARTNER_PLAN) as typeof PARTNER_PLAN;
  delete (file.vpcs[0]!.subnets[1] as { zone?: string }).zone;
  file.peerings[1]!.state = 'isolated';
  file.vpcs[2] = {
    ...file.vpcs[2]!,
    routeTables: [
      {
        id: 'rtb-bj',
        name: 'default',
        default: true,
        routes: NEXT_HOP_TYPES.filter((type) => type !== 'peering').map((type, i) => ({
          destination: `172.${20 + i}.0.0/16`,
          nextHop: { type, id: `gw-${type}` },
          ...(disableEveryOther && i % 2 === 0 ? { enabled: false } : {}),
        })),
      },
    ],
  } as (typeof file.vpcs)[2];
  return planFromObject(file);
}

/** The CCN core fixture (spec/ccn.md): 4 VPCs in 3 regions, a route conflict, a pending cross-account member. */
export const CCN_CORE_FIXTURE = fileURLToPath(new URL('../../fixtures/plans/ccn-core.json', import.meta.url));
export function ccnCorePlan(): Plan {
  return planFromText(readFileSync(CCN_CORE_FIXTURE, 'utf8'));
}

/**
 * A prepaid CCN with inter-region limits, owned by an account with no VPC in the plan, with every
 * attachment state, a hostile name and a VPC the plan does not have.
 */
export const CCN_PREPAID_PLAN = {
  format: 'peerplan/1',
  name: 'Prepaid CCN',
  asOf: TODAY,
  accounts: [
    { id: '100000000001', name: 'Platform', own: true },
    { id: '300000000003', name: 'Network hub', own: true },
  ],
  vpcs: [
    { id: 'vpc-gz', name: 'gz', account: '100000000001', region: 'ap-guangzhou', cidr: '10.0.0.0/16' },
    { id: 'vpc-bj', name: 'bj', account: '100000000001', region: 'ap-beijing', cidr: '10.1.0.0/16' },
    { id: 'vpc-sh', name: 'sh', account: '100000000001', region: 'ap-shanghai', cidr: '10.2.0.0/16' },
    { id: 'vpc-cd', name: 'cd', account: '100000000001', region: 'ap-chengdu', cidr: '10.3.0.0/16' },
  ],
  ccns: [
    {
      id: 'ccn-prepaid',
      name: 'hub "${x}"\nline two',
      account: '300000000003',
      qosLevel: 'PT',
      chargeType: 'prepaid',
      bandwidthLimitType: 'inter-region',
      attachments: [
        { vpc: 'vpc-bj', state: 'active', attachedAt: '2026-11-03' },
        { vpc: 'vpc-gz', state: 'active', attachedAt: '2026-11-01' },
        { vpc: 'vpc-sh', state: 'rejected' },
        { vpc: 'vpc-cd', state: 'expired' },
        { vpc: 'vpc-gone', state: 'active' },
      ],
      bandwidthLimits: [
        { region: 'ap-guangzhou', dstRegion: 'ap-beijing', mbps: 50 },
        { region: 'ap-beijing', dstRegion: 'ap-guangzhou', mbps: 20 },
        { region: 'ap-shanghai', mbps: 10 },
      ],
    },
  ],
};
