/**
 * `peerplan routes|reach|cost` run as child processes, as a user or CI would, on the team's
 * example plans: the JSON of cli.md on stdout, tables for people, usage errors exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

const EXAMPLES = resolve(__dirname, '../../shared/examples');
const QUICKSTART = join(EXAMPLES, 'quickstart.json');
const HUB = join(EXAMPLES, 'shanghai-hub.json');
const CCN_CORE = resolve(REPO_ROOT, 'test/fixtures/plans/ccn-core.json');
const work = mkdtempSync(join(tmpdir(), 'peerplan-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function peerplan(...args: string[]): Promise<PeerplanRun> {
  return runPeerplan(args, { PEERPLAN_TODAY: '2026-11-26' });
}

describe('peerplan routes', () => {
  it('prints the effective route tables as cli.md’s JSON, with suggestions on demand', async () => {
    const { code, stdout } = await peerplan('routes', QUICKSTART, '--json', '--suggest');
    expect(code).toBe(0);
    const { routeTables } = JSON.parse(stdout);
    expect(routeTables[0]).toEqual({
      id: 'rtb-gz01',
      vpc: 'vpc-gz01',
      subnets: ['subnet-gz-a'],
      routes: [
        { destination: '192.168.0.0/16', nextHop: null, origin: 'local', codes: [] },
        {
          destination: '10.0.1.0/24',
          nextHop: { type: 'peering', id: 'pcx-gzbj' },
          origin: 'plan',
          codes: [],
        },
        {
          destination: '10.0.0.0/16',
          nextHop: { type: 'peering', id: 'pcx-gzbj' },
          origin: 'suggested',
          codes: [],
        },
      ],
    });
  });

  it('marks routes with their findings in the table for people', async () => {
    const { code, stdout } = await peerplan('routes', HUB);
    expect(code).toBe(0);
    expect(stdout).toMatch(/rtb-app .*\n[\s\S]*10\.120\.0\.0\/16 +peering pcx-app +plan +ROUTE_TRANSITIVE/);
    expect(stdout).not.toContain('suggested');
  });
});

describe('peerplan reach', () => {
  it('shows the hub’s spokes cannot reach each other (not transitive)', async () => {
    const { code, stdout } = await peerplan(
      'reach',
      HUB,
      '--json',
      '--from',
      'sn-app-web',
      '--to',
      'sn-data-db',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      pairs: [
        {
          from: 'sn-app-web',
          to: 'sn-data-db',
          status: 'unreachable',
          via: null,
          reasons: ['TRANSITIVE', 'NOT_PEERED'],
        },
      ],
    });
  });

  it('prints an aligned table with a summary for people', async () => {
    const { code, stdout } = await peerplan('reach', QUICKSTART);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^subnet-gz-a {2}subnet-bj-b {2}reachable +pcx-gzbj$/m);
    expect(stdout).toContain('2 pairs: 2 reachable, 0 partial, 0 no-return, 0 unreachable');
  });

  it('refuses an unknown subnet with the usage and exit 2', async () => {
    const { code, stderr } = await peerplan('reach', QUICKSTART, '--from', 'subnet-nope');
    expect(code).toBe(2);
    expect(stderr).toContain('no subnet "subnet-nope"');
    expect(stderr).toContain('Usage: peerplan reach');
  });
});

describe('peerplan cost', () => {
  it('plans the month of asOf from expectedPeakMbps (quick start: 30 Mbps × 12 CNY × 30 days)', async () => {
    const { code, stdout } = await peerplan('cost', QUICKSTART, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.currency).toBe('CNY');
    expect(report.peerings[0]).toMatchObject({
      id: 'pcx-gzbj',
      kind: 'cross-region',
      payer: '100000000001',
      chargeType: 'daily-peak',
      monthly: { month: '2026-11', cost: 10800 },
      priceOnRequest: false,
    });
    expect(report.payers).toEqual([
      { account: '100000000001', currency: 'CNY', dailyCost: 360, monthlyCost: 10800 },
    ]);
    // No CCN: the list is there, empty.
    expect(report.ccns).toEqual([]);
  });

  it('merges a traffic CSV: the sample at 23:30 UTC counts in the next Beijing day', async () => {
    const csv = join(work, 'samples.csv');
    writeFileSync(
      csv,
      [
        'peering,at,inMbps,outMbps',
        'pcx-gzbj,2026-11-24T23:30:00Z,30,20',
        'pcx-gzbj,2026-11-25T03:00:00Z,12,8',
        '',
        'pcx-gzbj,2026-11-25T16:30:00Z,50,1',
      ].join('\n'),
    );
    const { code, stdout } = await peerplan(
      'cost',
      QUICKSTART,
      '--json',
      '--traffic',
      csv,
      '--month',
      '2026-11',
    );
    expect(code).toBe(0);
    const days = JSON.parse(stdout).peerings[0].days;
    expect(days.find((d: { date: string }) => d.date === '2026-11-25')).toEqual({
      date: '2026-11-25',
      peakMbps: 30,
      billableMbps: 30,
      pricePerMbps: 12,
      cost: 360,
    });
    expect(days.find((d: { date: string }) => d.date === '2026-11-26')).toMatchObject({
      peakMbps: 50,
      cost: 600,
    });
  });

  it('names the file and line of a bad traffic sample and exits 2', async () => {
    const csv = join(work, 'bad.csv');
    writeFileSync(
      csv,
      'peering,at,inMbps,outMbps\npcx-gzbj,2026-11-25T10:00:00+08:00,30,20\npcx-gzbj,yesterday,1,2\n',
    );
    const { code, stderr } = await peerplan('cost', QUICKSTART, '--traffic', csv);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `${csv}:3: at: "yesterday": must be an ISO 8601 time with an offset (e.g. 2026-11-25T10:05:00+08:00)`,
    );
  });

  it('refuses a traffic file without the header, and a missing file', async () => {
    const csv = join(work, 'noheader.csv');
    writeFileSync(csv, 'pcx-gzbj,2026-11-25T10:00:00+08:00,30,20\n');
    const noHeader = await peerplan('cost', QUICKSTART, '--traffic', csv);
    expect(noHeader.code).toBe(2);
    expect(noHeader.stderr).toContain(`${csv}:1: the header must be "peering,at,inMbps,outMbps"`);
    const missing = await peerplan('cost', QUICKSTART, '--traffic', join(work, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv: cannot read the traffic file: no such file');
  });

  it('refuses a malformed --month with the usage', async () => {
    const { code, stderr } = await peerplan('cost', QUICKSTART, '--month', 'November');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: peerplan cost');
  });

  it('adds the CCNs in USD, with a payer entry per account and currency (ccn.md "Costs")', async () => {
    const file = JSON.parse(readFileSync(CCN_CORE, 'utf8')) as Record<string, unknown>;
    // Beside the CCN, a cross-region peering paid in CNY by the same account, 30 Mbps every day.
    file.peerings = [
      { id: 'pcx-gzbj', requester: 'vpc-gz', accepter: 'vpc-bj', bandwidthMbps: 100, expectedPeakMbps: 30 },
    ];
    const plan = join(work, 'ccn-and-peering.json');
    writeFileSync(plan, JSON.stringify(file));
    const { code, stdout } = await peerplan('cost', plan, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    // Gold, 120 Mbps expected Guangzhou–Shanghai: 120 × 13 = 1,560; the third active
    // instance: 720 h × 0.05 = 36; the pending fourth pays nothing.
    expect(report.ccns).toEqual([
      {
        id: 'ccn-core',
        payer: '100000000001',
        currency: 'USD',
        pairs: [
          {
            regions: ['ap-guangzhou', 'ap-shanghai'],
            p95Mbps: 120,
            validDays: 30,
            pricePerMbps: 13,
            cost: 1560,
            measured: false,
          },
          {
            regions: ['ap-guangzhou', 'ap-beijing'],
            p95Mbps: 0,
            validDays: 0,
            pricePerMbps: 37,
            cost: 0,
            measured: false,
          },
          {
            regions: ['ap-shanghai', 'ap-beijing'],
            p95Mbps: 0,
            validDays: 0,
            pricePerMbps: 37,
            cost: 0,
            measured: false,
          },
        ],
        instanceFee: 36,
        monthly: { month: '2026-11', cost: 1596 },
        priceOnRequest: false,
      },
    ]);
    // The peering: 30 Mbps × 12 CNY × 30 days = 10,800 CNY; never added to the USD.
    expect(report.payers).toEqual([
      { account: '100000000001', currency: 'CNY', dailyCost: 360, monthlyCost: 10800 },
      { account: '100000000001', currency: 'USD', dailyCost: 0, monthlyCost: 1596 },
    ]);

    const human = await peerplan('cost', plan);
    expect(human.stdout).toContain('CCNs (USD, month 2026-11)');
    expect(human.stdout).toMatch(
      /ap-guangzhou - ap-shanghai +120 +30 +13 +1560\.00 +planned \(expectedP95\)/,
    );
    expect(human.stdout).toMatch(/CNY +10800\.00/);
    expect(human.stdout).toMatch(/USD +1596\.00/);
    expect(human.stdout).not.toContain('12396');
  });

  it('--month applies to CCNs too: December has 744 hours and 31 days', async () => {
    const { code, stdout } = await peerplan('cost', CCN_CORE, '--json', '--month', '2026-12');
    expect(code).toBe(0);
    const [ccn] = JSON.parse(stdout).ccns;
    // 120 × 31 / 31 × 13 = 1,560; 744 h × 0.05 = 37.20.
    expect(ccn).toMatchObject({ instanceFee: 37.2, monthly: { month: '2026-12', cost: 1597.2 } });
  });

  it('prints the peerings, their days and the payers for people', async () => {
    const { code, stdout } = await peerplan('cost', HUB);
    expect(code).toBe(0);
    expect(stdout).toMatch(/pcx-app +regional +100000000001 +daily-peak +0\.00 +free/);
    expect(stdout).toContain('Paying accounts');
  });
});
