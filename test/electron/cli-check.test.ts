/**
 * `peerplan check` through the real bin (bin/peerplan.js → dist-cli/peerplan.cjs, bundled from electron/cli), in a
 * child process, as a user or a CI job runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';
import type { PeerplanRun } from './run-peerplan';

const examples = fileURLToPath(new URL('../../shared/examples/', import.meta.url));
const quickstart = join(examples, 'quickstart.json');
const shanghai = join(examples, 'shanghai-hub.json');

function peerplan(...args: string[]): Promise<PeerplanRun> {
  return runPeerplan(args);
}

const dir = mkdtempSync(join(tmpdir(), 'peerplan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quickstartText = readFileSync(quickstart, 'utf8');
function planFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// Each case starts Node and the bundled CLI afresh: generous timeouts for a busy CI machine.
describe('peerplan check', { timeout: 120_000 }, () => {
  it('quickstart: exit 0 with a clear summary', async () => {
    const run = await peerplan('check', quickstart);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 errors/);
    expect(run.stderr).toBe('');
  });

  it('runs as an executable through its shebang (env -S node with the V8 young-generation flag)', async () => {
    // As `npx peerplan` and a global install run it on Linux and macOS: the kernel reads the
    // `#!/usr/bin/env -S node --max-semi-space-size=64` line, not `node bin/peerplan.js`.
    const bin = fileURLToPath(new URL('../../bin/peerplan.js', import.meta.url));
    const code = await new Promise<number>((resolve) =>
      execFile(bin, ['check', quickstart], { env: { ...process.env, NO_COLOR: '1' } }, (error) =>
        resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0),
      ),
    );
    expect(code).toBe(0);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env -S node --max-semi-space-size=64');
  });

  it('shanghai-hub: exit 1, its mistakes in a table', async () => {
    const run = await peerplan('check', shanghai);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/SEVERITY\s+CODE\s+SUBJECTS\s+MESSAGE/);
    expect(run.stdout).toContain('ROUTE_TRANSITIVE');
    expect(run.stdout).toContain('rtb-app#1');
    expect(run.stdout).toMatch(/1 error, \d+ warnings, \d+ infos?/);
  });

  it('--json: exactly the shape of cli.md', async () => {
    const run = await peerplan('check', shanghai, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { code: string; severity: string; message: string; subjects: string[] }[];
      summary: Record<string, number>;
    };
    expect(Object.keys(report).sort()).toEqual(['findings', 'summary']);
    expect(Object.keys(report.summary).sort()).toEqual(['errors', 'infos', 'warnings']);
    expect(report.summary.errors).toBe(1);
    const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
    expect(report.summary).toEqual({
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    });
    // Errors first, then warnings, then infos.
    const ranks = report.findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const f of report.findings)
      expect(Object.keys(f).sort()).toEqual(['code', 'message', 'severity', 'subjects']);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'ROUTE_TRANSITIVE', severity: 'error', subjects: ['rtb-app#1'] }),
    );
    const quick = await peerplan('check', '--json', quickstart);
    expect(quick.code).toBe(0);
    expect(JSON.parse(quick.stdout).summary.errors).toBe(0);
  });

  it.each([
    [
      'a JSON syntax error',
      quickstartText.replace('"traffic": []', '"traffic": [],'),
      /:\d+:\d+: JSON syntax error/,
    ],
    [
      'an unknown field',
      quickstartText.replace('"zone": "ap-beijing-5"', '"zone": "ap-beijing-5", "zonne": "x"'),
      /:\d+:\d+: vpcs\[1\]\.subnets\[0\]\.zonne: unknown field/,
    ],
    [
      'a wrong type',
      quickstartText.replace('"cidr": "10.0.0.0/16"', '"cidr": 10'),
      /:\d+:\d+: vpcs\[1\]\.cidr: wrong type/,
    ],
    [
      'a missing required field',
      quickstartText.replace('"region": "ap-beijing",', ''),
      /:\d+:\d+: vpcs\[1\]\.region: missing required field/,
    ],
    [
      'a wrong format',
      quickstartText.replace('"peerplan/1"', '"peerplan/2"'),
      /:2:\d+: format: expected "peerplan\/1", got "peerplan\/2"/,
    ],
  ])('%s: exit 2, one line on stderr naming the file and where', async (_label, text, pattern) => {
    const path = planFile('bad.json', text);
    const run = await peerplan('check', path);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(path)).toBe(true);
    expect(lines[0]).toMatch(pattern);
  });

  it('a missing file: exit 2 naming it', async () => {
    const run = await peerplan('check', join(dir, 'nope.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.json: cannot read the plan file: no such file/);
  });

  it('bad arguments print the usage and exit 2', async () => {
    const unknownOption = await peerplan('check', quickstart, '--frobnicate');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Usage: peerplan check PLAN\.json \[--json\]/);
    const noFile = await peerplan('check');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/Usage/);
    const unknownCommand = await peerplan('frobnicate');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "frobnicate"/);
    const help = await peerplan('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/peerplan check PLAN\.json/);
  });
});
