/**
 * `peerplan import-tencent` as users run it, on hostile and incomplete answers (issue 13.8 and
 * issue 14): prototype-key strings where the cloud puts strings, an output path that cannot be
 * written, and a VPC whose region cannot be found. Every failure is one line and exit 2; never a
 * stack trace or a schema dump.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';

const work = mkdtempSync(join(tmpdir(), 'peerplan-import-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder of saved answers: `files` maps a relative path to its JSON. */
function answers(name: string, files: Record<string, unknown>): string {
  const dir = join(work, name);
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify({ Response: { ...(body as object), RequestId: 'r-1' } }));
  }
  return dir;
}

const vpcs = { TotalCount: 1, VpcSet: [{ VpcId: 'vpc-gz', VpcName: 'gz', CidrBlock: '10.0.0.0/16' }] };
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('peerplan import-tencent', { timeout: 60_000 }, () => {
  it('takes toString, constructor and __proto__ as unknown values: a plan and one line each', async () => {
    const dir = answers('prototype-keys', {
      'ap-guangzhou/DescribeVpcs.json': vpcs,
      'ap-guangzhou/DescribeRouteTables.json': {
        TotalCount: 1,
        RouteTableSet: [
          {
            VpcId: 'vpc-gz',
            RouteTableId: 'rtb-gz',
            Main: true,
            RouteSet: ['toString', 'constructor', '__proto__'].map((type, i) => ({
              DestinationCidrBlock: `10.${10 + i}.0.0/16`,
              GatewayType: type,
              GatewayId: 'x',
              RouteType: 'USER',
            })),
          },
        ],
      },
      'DescribeVpcPeeringConnections.json': {
        TotalCount: 1,
        PeerConnectionSet: [
          {
            PeeringConnectionId: 'pcx-1',
            SourceVpcId: 'vpc-gz',
            DestinationVpcId: 'vpc-peer',
            State: 'ACTIVE',
            ChargeType: 'constructor',
            SourceRegion: 'gz',
            DestinationRegion: '__proto__',
            SourceUin: 100000000001,
          },
        ],
      },
    });
    const out = join(work, 'prototype-keys.json');
    const run = await runPeerplan(['import-tencent', dir, '-o', out]);
    expect(run.code).toBe(0);
    noStack(run.stderr);
    const lines = run.stderr.trim().split('\n');
    for (const type of ['toString', 'constructor', '__proto__'])
      expect(lines.filter((l) => l.includes(`next-hop type ${type} has no plan equivalent`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('charge type constructor'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('region __proto__ is neither'))).toHaveLength(1);
    expect(existsSync(out)).toBe(true);
    const check = await runPeerplan(['check', out, '--json']);
    expect([0, 1]).toContain(check.code);
  });

  it('-o into a folder that does not exist: one line naming the file, exit 2', async () => {
    const dir = answers('ok', { 'ap-guangzhou/DescribeVpcs.json': vpcs });
    const run = await runPeerplan(['import-tencent', dir, '-o', '/nonexistent/x.json', '--account', '1']);
    expect(run.code).toBe(2);
    noStack(run.stderr);
    expect(run.stderr.trim().split('\n')).toEqual(['/nonexistent/x.json: cannot write the plan (ENOENT)']);
  });

  it('a VPC whose region cannot be found: the VPC and --region named, no plan written, exit 2; --region fixes it', async () => {
    const dir = answers('no-region', { 'DescribeVpcs.json': vpcs });
    const out = join(work, 'no-region.json');
    const run = await runPeerplan(['import-tencent', dir, '-o', out, '--account', '1']);
    expect(run.code).toBe(2);
    noStack(run.stderr);
    expect(run.stderr).toContain('VPC vpc-gz: its region cannot be found');
    expect(run.stderr).toContain('--region REGION');
    expect(existsSync(out)).toBe(false);
    const fixed = await runPeerplan(['import-tencent', dir, '-o', out, '--account', '1', '--region', 'gz']);
    expect(fixed.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('an answer the plan format refuses (a lone surrogate in a name) is one line, not a schema dump; a newline in a name stays on its line', async () => {
    const dir = answers('surrogate', {
      'ap-guangzhou/DescribeVpcs.json': {
        TotalCount: 2,
        VpcSet: [
          { VpcId: 'vpc-gz', VpcName: 'bad \ud800 name', CidrBlock: '10.0.0.0/16' },
          { VpcId: 'vpc-nl', VpcName: 'x', CidrBlock: '10.1.0.0/16', Ipv6CidrBlock: 'line\nbreak' },
        ],
      },
    });
    const run = await runPeerplan([
      'import-tencent',
      dir,
      '-o',
      join(work, 'surrogate.json'),
      '--account',
      '1',
    ]);
    expect(run.code).toBe(2);
    noStack(run.stderr);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('does not fit peerplan/1'))).toEqual([
      expect.stringMatching(/vpcs\[0\]\.name: /),
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('line\\nbreak');
  });
});
