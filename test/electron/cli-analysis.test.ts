/**
 * `peerplan routes|reach|cost` run as child processes, as a user or CI would, on the team's
 * example plans: the JSON of cli.md on stdout, tables for people, usage errors exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

const EXAMPLES = resolve(__dirname, '../../shared/examples');
const QUICKSTART = join(EXAMPLES, 'quickstart.json');
const HUB = join(EXAMPLES, 'shanghai-hub.json');
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
    expect(report.payers).toEqual([{ account: '100000000001', dailyCost: 360, monthlyCost: 10800 }]);
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

  it('prints the peerings, their days and the payers for people', async () => {
    const { code, stdout } = await peerplan('cost', HUB);
    expect(code).toBe(0);
    expect(stdout).toMatch(/pcx-app +regional +100000000001 +daily-peak +0\.00 +free/);
    expect(stdout).toContain('Paying accounts');
  });
});
