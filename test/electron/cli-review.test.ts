/**
 * The review commands as users run them: `peerplan export` in every format for every example of
 * shared/examples, `peerplan diff` exit codes, and `peerplan import-tencent` writing a plan that
 * the other commands accept. Runs bin/peerplan.js in a child process, as npx would.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The example plans that ship with Peerplan. */
const EXAMPLES = join(ROOT, 'shared/examples');
const FIXTURES = join(ROOT, 'test/fixtures/tencent');

function peerplan(...args: string[]): Promise<PeerplanRun> {
  return runPeerplan(args, { PEERPLAN_TODAY: '2026-11-26' });
}

const jsonFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];
const examples = jsonFiles(EXAMPLES);

describe('peerplan export', { timeout: 120_000 }, () => {
  it.each(examples)('%s: every format', async (plan) => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-export-'));
    const results = await Promise.all(
      (['md', 'html', 'csv', 'tf', 'api', 'json'] as const).map(async (format) => {
        const out = join(dir, `plan.${format}`);
        const run = await peerplan('export', plan, '--to', format, '-o', out);
        return { format, run, text: run.code === 0 ? readFileSync(out, 'utf8') : '' };
      }),
    );
    for (const { format, run, text } of results) {
      expect(run, format).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(text.length, format).toBeGreaterThan(100);
    }
    const text = Object.fromEntries(results.map((r) => [r.format, r.text]));
    expect(text.md).toMatch(/^# Peering review: /);
    expect(text.md).toContain('```mermaid');
    expect(text.html).toMatch(/^<!DOCTYPE html>[\s\S]*<svg class="topology"/);
    expect(text.csv!.split('\r\n')[0]).toBe(
      'route_table,vpc,subnets,route_id,destination,next_hop_type,next_hop_id,origin,finding_codes,finding_messages,effective',
    );
    const hcl = (await parseHcl('main.tf', text.tf!)) as { resource: Record<string, unknown> };
    expect(Object.keys(hcl.resource)).toEqual(
      expect.arrayContaining([
        'tencentcloud_vpc',
        'tencentcloud_subnet',
        'tencentcloud_vpc_peer_connect_manager',
      ]),
    );
    expect(JSON.parse(text.api!).steps.length).toBeGreaterThan(0);
    expect(JSON.parse(text.json!).format).toBe('peerplan/1');
  });

  it('writes to stdout without -o; a bad format or file is a usage error or exit 2', async () => {
    const plan = join(EXAMPLES, 'quickstart.json');
    const stdout = await peerplan('export', plan, '--to', 'json');
    expect(stdout.code).toBe(0);
    expect(JSON.parse(stdout.stdout).name).toBe('Quick start: Guangzhou to Beijing');
    const badFormat = await peerplan('export', plan, '--to', 'pdf');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('unknown format "pdf"');
    const missing = await peerplan('export', join(EXAMPLES, 'nope.json'), '--to', 'md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the plan file/);
  });
});

describe('peerplan diff', { timeout: 120_000 }, () => {
  it('exit 0 when B adds no error, 1 when it does, 2 on an unusable file; --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-diff-'));
    const a = join(EXAMPLES, 'quickstart.json');
    const file = JSON.parse(readFileSync(a, 'utf8'));
    file.vpcs[1].cidr = '192.168.0.0/16';
    const overlapping = join(dir, 'overlap.json');
    writeFileSync(overlapping, JSON.stringify(file));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "peerplan/1",');

    const same = await peerplan('diff', a, a);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('introduces no error finding');

    const worse = await peerplan('diff', a, overlapping, '--json');
    expect(worse.code).toBe(1);
    const json = JSON.parse(worse.stdout);
    expect(json.summary.errorsIntroduced).toBeGreaterThan(0);
    expect(json.changes).toContainEqual(
      expect.objectContaining({ object: 'vpc', id: 'vpc-bj02', change: 'changed' }),
    );

    // Going back resolves the errors: exit 0.
    const better = await peerplan('diff', overlapping, a);
    expect(better.code).toBe(0);
    expect(better.stdout).toMatch(/Findings resolved: [1-9]/);

    const unusable = await peerplan('diff', a, broken);
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toMatch(/broken\.json:1:\d+/);
  });
});

describe('peerplan import-tencent', { timeout: 120_000 }, () => {
  it('writes a plan the other commands accept and lists what it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-import-'));
    const out = join(dir, 'imported.json');
    const run = await peerplan('import-tencent', FIXTURES, '-o', out);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain(
      'DescribeVpcPeeringConnections.json: Response.PeerConnectionSet[3].State: peering pcx-old is DELETED: not in the plan',
    );
    expect(lines.at(-1)).toMatch(
      /^imported 3 VPCs, 4 subnets, 7 routes, 3 peerings from 8 files; 11 items not mapped/,
    );
    // The saved answers hold a pending peering requested by vpc-partner, a VPC of another account
    // (300000000003) that no DescribeVpcs answer lists: the imported plan names a VPC it does not
    // have, which `check` reports as its one error (exit 1), and nothing else is an error.
    const check = await peerplan('check', out, '--json');
    expect(check.code).toBe(1);
    const findings = (
      JSON.parse(check.stdout) as { findings: { code: string; severity: string; subjects: string[] }[] }
    ).findings;
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'REF_UNKNOWN',
        subjects: expect.arrayContaining(['pcx-partner', 'vpc-partner']),
      }),
    ]);

    const notADir = await peerplan('import-tencent', join(dir, 'missing'), '-o', out);
    expect(notADir.code).toBe(2);
    expect(notADir.stderr).toMatch(/missing: cannot read the directory/);
  });
});
