/**
 * `peerplan migrate` run as a child process (spec/ccn.md "Migration"): the proposal plan on
 * stdout or in -o FILE, the checklist on stderr (plan on stdout) or stdout (plan in a file), and
 * one-line errors with exit 2. Expected figures by hand: the seed's peering 60 Mbps × 220 CNY =
 * 13,200 CNY a month; the CCN (gold) 60 × 37 = 2,220 USD.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

const SEED = resolve(REPO_ROOT, 'test/fixtures/plans/seed-gz-bj-peering.json');
const work = mkdtempSync(join(tmpdir(), 'peerplan-migrate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function peerplan(...args: string[]): Promise<PeerplanRun> {
  return runPeerplan(args, { PEERPLAN_TODAY: '2026-11-29' });
}

describe('peerplan migrate', () => {
  it('writes the proposal plan to stdout and the checklist to stderr, so a pipe gets the plan alone', async () => {
    const { code, stdout, stderr } = await peerplan('migrate', SEED, '--peering', 'pcx-peerconn');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.ccns).toEqual([
      expect.objectContaining({
        id: 'ccn-1',
        account: '100000000001',
        attachments: [
          expect.objectContaining({ vpc: 'vpc-gz', state: 'active', attachedAt: '2026-11-29' }),
          expect.objectContaining({ vpc: 'vpc-bj', state: 'active', attachedAt: '2026-11-29' }),
        ],
      }),
    ]);
    // The peering stays in the proposal.
    expect(plan.peerings.map((p: { id: string }) => p.id)).toEqual(['pcx-peerconn']);
    expect(stderr).toContain('Monthly cost before: 13200.00 CNY (peerings), 0.00 USD (CCNs)');
    expect(stderr).toContain('Monthly cost after:  0.00 CNY (peerings), 2220.00 USD (CCNs)');
    for (const title of [
      '1. Attach both VPCs to the CCN',
      '2. Check the CCN routes',
      '3. Switch VPC1 (vpc-gz) to the CCN',
      '4. Switch VPC2 (vpc-bj) to the CCN',
      '5. Delete the peering',
    ])
      expect(stderr).toContain(title);
    expect(stderr).toMatch(/Note: Traffic is asymmetric/);
    expect(stderr).toContain('Monthly cost: 13200.00 CNY (peerings), 2220.00 USD (CCNs)');
    expect(stderr).toContain('Monthly cost: 0.00 CNY (peerings), 2220.00 USD (CCNs)');
  });

  it('with -o, writes the plan to the file and the checklist to stdout; the proposal pays both: the peering in CNY, the CCN in USD', async () => {
    const out = join(work, 'proposal.json');
    const { code, stdout, stderr } = await peerplan('migrate', SEED, '--peering', 'pcx-peerconn', '-o', out);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('5. Delete the peering');
    expect(stdout).toContain(`is written to ${out}`);
    const cost = await peerplan('cost', out, '--json');
    expect(JSON.parse(cost.stdout).payers).toEqual([
      { account: '100000000001', currency: 'CNY', dailyCost: 0, monthlyCost: 13200 },
      { account: '100000000001', currency: 'USD', dailyCost: 0, monthlyCost: 2220 },
    ]);
    expect(readFileSync(out, 'utf8')).toContain('"ccn-1"');
  });

  it('refuses an unknown peering, a regional one, an unknown or a full --ccn: one line, exit 2', async () => {
    const unknown = await peerplan('migrate', SEED, '--peering', 'pcx-nope');
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([
      2,
      '',
      `${SEED}: no peering "pcx-nope" in the plan\n`,
    ]);

    const file = JSON.parse(readFileSync(SEED, 'utf8'));
    file.vpcs[1].region = 'ap-guangzhou';
    file.vpcs[1].subnets[0].zone = 'ap-guangzhou-3';
    const regionalPath = join(work, 'regional.json');
    writeFileSync(regionalPath, JSON.stringify(file));
    const regional = await peerplan('migrate', regionalPath, '--peering', 'pcx-peerconn');
    expect(regional.code).toBe(2);
    expect(regional.stderr.trim().split('\n')).toEqual([
      `${regionalPath}: peering pcx-peerconn is not cross-region (both VPCs in ap-guangzhou): a CCN is proposed only to replace a cross-region peering`,
    ]);

    const noCcn = await peerplan('migrate', SEED, '--peering', 'pcx-peerconn', '--ccn', 'ccn-nope');
    expect([noCcn.code, noCcn.stderr]).toEqual([2, `${SEED}: no CCN "ccn-nope" in the plan\n`]);

    const full = JSON.parse(readFileSync(SEED, 'utf8'));
    const others = Array.from({ length: 24 }, (_, i) => ({
      id: `vpc-o${i}`,
      account: '100000000001',
      region: 'ap-shanghai',
      cidr: `172.${16 + (i % 16)}.${Math.floor(i / 16) * 16}.0/20`,
    }));
    full.vpcs.push(...others);
    full.ccns = [
      { id: 'ccn-full', account: '100000000001', attachments: others.map((v) => ({ vpc: v.id })) },
    ];
    const fullPath = join(work, 'full.json');
    writeFileSync(fullPath, JSON.stringify(full));
    const refused = await peerplan('migrate', fullPath, '--peering', 'pcx-peerconn', '--ccn', 'ccn-full');
    expect([refused.code, refused.stderr]).toEqual([
      2,
      `${fullPath}: CCN ccn-full is full: 24 attachments, at most 25 per CCN\n`,
    ]);
  });

  it('without --peering prints the usage, which says where the checklist goes', async () => {
    const { code, stderr } = await peerplan('migrate', SEED);
    expect(code).toBe(2);
    expect(stderr).toContain('missing --peering ID');
    expect(stderr).toContain('Usage: peerplan migrate PLAN.json --peering ID [--ccn ID] [-o FILE]');
    expect(stderr).toContain('on stderr when the plan is on stdout');
  });
});
