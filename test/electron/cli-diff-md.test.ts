/**
 * Peerplan in review workflows, run as the README tells users to: `peerplan diff A B --to md` for a
 * PR comment (exit 1 when B introduces an error, the CI gate), and Peerplan as git's diff driver
 * for `*.peerplan.json` through `.gitattributes` and `diff.peerplan.textconv`, in a real temporary
 * git repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runPeerplan } from './run-peerplan';

const QUICKSTART = join(REPO_ROOT, 'shared/examples/quickstart.json');
const BIN = join(REPO_ROOT, 'bin/peerplan.js');
const ENV = { PEERPLAN_TODAY: '2026-11-26' };

/** The quick-start plan with the Beijing VPC moved onto the Guangzhou VPC's block (they are peered). */
function overlappingCopy(dir: string): string {
  const file = JSON.parse(readFileSync(QUICKSTART, 'utf8')) as { vpcs: { cidr: string }[] };
  file.vpcs[1]!.cidr = file.vpcs[0]!.cidr;
  const path = join(dir, 'overlap.peerplan.json');
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

describe('peerplan diff --to md', { timeout: 120_000 }, () => {
  it('prints the PR comment and exits 1 when the change introduces an error, 0 when it does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-diffmd-'));
    const overlap = overlappingCopy(dir);
    const worse = await runPeerplan(['diff', QUICKSTART, overlap, '--to', 'md'], ENV);
    expect(worse.code).toBe(1);
    expect(worse.stdout.split('\n')[0]).toMatch(
      /^\*\*Peerplan\*\* `.*quickstart\.json` → `.*overlap\.peerplan\.json`: 🛑/,
    );
    expect(worse.stdout).toContain('`PEERING_CIDR_OVERLAP`');

    const better = await runPeerplan(['diff', overlap, QUICKSTART, '--to', 'md'], ENV);
    expect(better.code).toBe(0);
    expect(better.stdout.split('\n')[0]).toContain('✅ **introduces no error**');

    const bad = await runPeerplan(['diff', QUICKSTART, overlap, '--to', 'html'], ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown format "html"/);
  });
});

describe('git diff driver for *.peerplan.json (README)', { timeout: 120_000 }, () => {
  it('git diff shows the review report change: the finding the new CIDR introduces', () => {
    const repo = mkdtempSync(join(tmpdir(), 'peerplan-git-'));
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        cwd: repo,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...ENV,
          HOME: repo, // no user configuration leaks in
          GIT_CONFIG_NOSYSTEM: '1',
          NO_COLOR: '1',
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
      });
    git('init', '-q');
    // The two lines of the README, with `npx peerplan` spelled as the bin it runs.
    writeFileSync(join(repo, '.gitattributes'), '*.peerplan.json diff=peerplan\n');
    git('config', 'diff.peerplan.textconv', `node ${JSON.stringify(BIN)} export --to md`);
    const plan = join(repo, 'network.peerplan.json');
    writeFileSync(plan, readFileSync(QUICKSTART, 'utf8'));
    git('add', '.');
    git('commit', '-q', '-m', 'plan');
    const file = JSON.parse(readFileSync(plan, 'utf8')) as { vpcs: { cidr: string }[] };
    file.vpcs[1]!.cidr = file.vpcs[0]!.cidr;
    writeFileSync(plan, JSON.stringify(file, null, 2));

    const diff = git('diff', '--no-color');
    const added = diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    // The report's lines, not the JSON's: the new finding and the readiness verdict.
    expect(added.some((line) => line.includes('PEERING_CIDR_OVERLAP'))).toBe(true);
    expect(added.some((line) => /Not ready/.test(line))).toBe(true);
    expect(diff).not.toMatch(/^[-+]\s*"cidr":/m);
    // Without the driver git shows the JSON lines.
    expect(git('diff', '--no-color', '--no-textconv')).toMatch(/^\+\s*"cidr": "192\.168\.0\.0\/16"/m);
  });
});
