import { asPlanFile } from '../../shared/plan/as-file';
/**
 * The command line against hostile and huge input (issue 13): names and IDs that try to drive
 * the terminal, a closed stdout, files and lines over the limits, numbers out of range, traffic
 * for peerings the plan does not have, a library whose rows are damaged. Run as child processes.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, TrafficSample } from '../../shared/plan/model';
import { PlanBuilder } from '../shared/plan-builder';
import { chainPlan } from './fixtures/library-plans';
import { REPO_ROOT, runPeerplan } from './run-peerplan';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-harden-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Plan): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(asPlanFile(content)));
  return file;
}

const run = (...args: string[]) => runPeerplan(args, { PEERPLAN_TODAY: '2026-11-26' });

/** Raw terminal controls that must never reach the output (escaped forms are fine). */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const RAW_CONTROL = /[\x1b\r\u202e\u2066\u0007\u009b]/;

/** A plan whose IDs and names hold ESC sequences, CR, a newline with a fake line, bidi overrides. */
function hostilePlan(): Plan {
  const plan = new PlanBuilder()
    .vpc('vpc-\x1b[2Jgz', { region: 'ap-guangzhou', cidr: '10.0.0.0/16', table: 'rtb-\u202egz' })
    .vpc('vpc-bj\r', { region: 'ap-beijing', cidr: '10.1.0.0/16', table: 'rtb-bj\nFAKE LINE' })
    .subnet('vpc-\x1b[2Jgz', 'subnet-\u2066a\x07', '10.0.1.0/24')
    .subnet('vpc-bj\r', 'subnet-b\x9b31m', '10.1.1.0/24')
    .peering('pcx-\x1b]0;title\x07', 'vpc-\x1b[2Jgz', 'vpc-bj\r', { bandwidthMbps: 10 })
    .route('rtb-\u202egz', '10.1.0.0/16', 'pcx-\x1b]0;title\x07')
    .build();
  return { ...plan, name: 'plan\x1b[31m\nFAKE LINE \u202eevil' };
}

describe('terminal escape injection', () => {
  it('check, routes, reach, cost and diff print control and bidi characters escaped', async () => {
    const file = write('hostile.json', hostilePlan());
    const runs = await Promise.all([
      run('check', file),
      run('routes', file, '--suggest'),
      run('reach', file),
      run('cost', file),
      run('diff', file, file),
    ]);
    for (const { code, stdout, stderr } of runs) {
      expect(code, stderr).toBeLessThan(2);
      expect(stdout).not.toMatch(RAW_CONTROL);
      expect(stderr).not.toMatch(RAW_CONTROL);
      expect(stdout).not.toMatch(/^FAKE LINE/m);
    }
    const routes = runs[1]!.stdout;
    expect(routes).toContain('rtb-\\u202egz');
    expect(routes).toContain('rtb-bj\\nFAKE LINE');
    expect(runs[2]!.stdout).toContain('subnet-\\u2066a\\x07');
    expect(runs[2]!.stdout).toContain('subnet-b\\x9b31m');
  }, 60_000);

  it('db import and db list show names escaped', async () => {
    const file = write('hostile-db.json', hostilePlan());
    const db = join(dir, 'hostile.sqlite');
    const imported = await run('db', '--db', db, 'import', file);
    const listed = await run('db', '--db', db, 'list');
    for (const { code, stdout } of [imported, listed]) {
      expect(code).toBe(0);
      expect(stdout).not.toMatch(RAW_CONTROL);
      expect(stdout).toContain('plan\\x1b[31m\\nFAKE LINE \\u202eevil');
    }
  }, 60_000);

  it('a traffic CSV error quotes the bad field escaped', async () => {
    const plan = write('plain.json', new PlanBuilder().vpc('vpc-a', { cidr: '10.0.0.0/16' }).build());
    const csv = write('evil.csv', 'peering,at,inMbps,outMbps\npcx-1,\x1b[2J\u202e2026,1,1\n');
    const { code, stderr } = await run('cost', plan, '--traffic', csv);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain('evil.csv:2: at: "\\x1b[2J\\u202e2026"');
  });
  it('import-tencent lists unmapped cloud items escaped', async () => {
    const answers = join(dir, 'answers');
    cpSync(join(REPO_ROOT, 'test/fixtures/tencent'), answers, { recursive: true });
    const tables = join(answers, 'ap-guangzhou/DescribeRouteTables.page1.json');
    writeFileSync(
      tables,
      readFileSync(tables, 'utf8').replace(
        '"GatewayType": "PEERCONNECTION"',
        '"GatewayType": "EVIL\\u001b[2J\\u202e"',
      ),
    );
    const { code, stderr } = await run('import-tencent', answers, '-o', join(dir, 'imported.json'));
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain('EVIL\\x1b[2J\\u202e');
  }, 30_000);
});

/** Runs peerplan, reads the first chunk of its output, then closes the pipe (like `| head -c1`). */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/peerplan.js'), ...args], {
      env: { ...process.env, NO_COLOR: '1', PEERPLAN_TODAY: '2026-11-26' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let read = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('a closed stdout', () => {
  it('ends every command quietly with status 0', async () => {
    // 600 VPCs in a chain: every command has far more output than a pipe holds (64 KiB).
    const big = write('chain.json', chainPlan(600));
    const db = join(dir, 'epipe.sqlite');
    const imported = await run('db', '--db', db, 'import', big, '--json');
    const id = (JSON.parse(imported.stdout) as { id: string }).id;
    const commands = [
      ['check', big, '--json'],
      ['routes', big],
      ['reach', big, '--all'],
      ['reach', big, '--json'],
      ['cost', big, '--json'],
      ['export', big, '--to', 'md'],
      ['export', big, '--to', 'csv'],
      ['export', big, '--to', 'json'],
      ['diff', big, big, '--json'],
      ['db', '--db', db, 'export', id],
    ];
    const results = await Promise.all(commands.map((args) => runAndCloseEarly(args)));
    results.forEach((result, index) => {
      expect(result.read, commands[index]!.join(' ')).toBeGreaterThan(0);
      expect({ command: commands[index]!.join(' '), code: result.code, stderr: result.stderr }).toEqual({
        command: commands[index]!.join(' '),
        code: 0,
        stderr: '',
      });
    });
  }, 120_000);
});

describe('size limits', () => {
  it('refuses an endless plan file (/dev/zero) and one over 64 MiB with one line', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, Buffer.alloc(64 * 1024 * 1024 + 1, 0x20));
    for (const file of ['/dev/zero', huge]) {
      const { code, stderr } = await run('check', file);
      expect(code).toBe(2);
      expect(stderr).toBe(`${file}: cannot read the plan file: larger than 64 MiB: not a plan file\n`);
    }
  }, 60_000);

  it('refuses a traffic line over 4096 characters, with or without a line break after it', async () => {
    const plan = write('small.json', new PlanBuilder().vpc('vpc-a', { cidr: '10.0.0.0/16' }).build());
    const long = 'x'.repeat(5_000_000);
    const cases = [
      [write('oneline.csv', long), 1],
      [write('longsecond.csv', `peering,at,inMbps,outMbps\n${long}\n`), 2],
      [write('justover.csv', `peering,at,inMbps,outMbps\npcx-1,${'y'.repeat(4097)}\n`), 2],
    ] as const;
    for (const [csv, line] of cases) {
      const { code, stderr } = await run('cost', plan, '--traffic', csv);
      expect(code).toBe(2);
      expect(stderr).toBe(`${csv}:${line}: a line longer than 4096 characters: not a traffic CSV line\n`);
    }
  }, 60_000);
});

describe('traffic for peerings the plan does not have', () => {
  it('is reported once, with a count, and the rest is costed', async () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
      .build();
    const lines = ['peering,at,inMbps,outMbps', 'pcx-1,2026-11-25T10:00:00+08:00,30,20'];
    for (let i = 0; i < 5; i++) lines.push(`pcx-gone,2026-11-25T10:0${i}:00+08:00,1,1`);
    lines.push('pcx-other,2026-11-25T10:00:00+08:00,1,1');
    const { code, stdout, stderr } = await run(
      'cost',
      write('known.json', plan),
      '--traffic',
      write('unknown.csv', lines.join('\n')),
      '--json',
    );
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /unknown\.csv: ignored 6 samples of 2 peerings not in the plan \(pcx-gone, pcx-other\)/,
    );
    const report = JSON.parse(stdout) as { peerings: { days: { date: string; peakMbps: number }[] }[] };
    expect(report.peerings[0]!.days).toEqual([expect.objectContaining({ date: '2026-11-25', peakMbps: 30 })]);
  });

  it('is silent when every sample is known', async () => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
      .build();
    const csv = write('known.csv', 'peering,at,inMbps,outMbps\npcx-1,2026-11-25T10:00:00+08:00,30,20\n');
    const { code, stderr } = await run('cost', write('known2.json', plan), '--traffic', csv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('a healthy library with damaged rows', () => {
  const damages: [string, string, (db: Database.Database) => void][] = [
    ['a bad as_of', 'plans', (db) => db.prepare("UPDATE plans SET as_of = '2026-02-31'").run()],
    ['an as_of before 1970', 'plans', (db) => db.prepare("UPDATE plans SET as_of = '0050-01-01'").run()],
    [
      'a traffic BLOB of the wrong length',
      'traffic',
      (db) => db.prepare("UPDATE traffic SET samples = x'0102'").run(),
    ],
    [
      'a price catalog that is not JSON',
      'price_catalogs',
      (db) => db.prepare("UPDATE price_catalogs SET pairs = 'not json'").run(),
    ],
    [
      'a route to an unknown kind of next hop',
      'routes',
      (db) => db.prepare("UPDATE routes SET next_hop_type = 'teleport'").run(),
    ],
    [
      'a peering of a negative bandwidth',
      'peerings',
      (db) => db.prepare('UPDATE peerings SET bandwidth_mbps = -5').run(),
    ],
  ];

  it.each(damages)('%s: db export names the plan and the table, exit 2', async (_name, table, damage) => {
    const plan = new PlanBuilder()
      .vpc('vpc-sh', { region: 'ap-shanghai', cidr: '10.0.0.0/16', table: 'rtb-sh' })
      .vpc('vpc-gz', { region: 'ap-guangzhou', cidr: '10.1.0.0/16' })
      .peering('pcx-1', 'vpc-sh', 'vpc-gz', { bandwidthMbps: 100 })
      .route('rtb-sh', '10.1.0.0/16', 'pcx-1')
      .priceCatalog({
        currency: 'CNY',
        mainlandRegions: ['ap-shanghai', 'ap-guangzhou'],
        mainland: { dailyPeak: [{ upToMbps: null, price: 1 }], monthlyP95: [{ upToMbps: null, price: 1 }] },
        pairs: [],
      })
      .build();
    for (let slot = 0; slot < 3; slot++)
      (plan.traffic as TrafficSample[]).push({
        peering: 'pcx-1',
        at: `2026-11-25T10:${String(slot * 5).padStart(2, '0')}:00+08:00`,
        inMbps: 5,
        outMbps: 1,
      });
    const db = join(dir, `damaged-${table}-${_name.length}.sqlite`);
    const imported = await run('db', '--db', db, 'import', write(`d-${table}.json`, plan), '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const { id } = JSON.parse(imported.stdout) as { id: string };
    const connection = new Database(db);
    try {
      connection.pragma('foreign_keys = OFF');
      connection.pragma('ignore_check_constraints = ON');
      damage(connection);
    } finally {
      connection.close();
    }
    const { code, stdout, stderr } = await run('db', '--db', db, 'export', id);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`plan ${id} ("test plan") has damaged content in the table ${table}`);
  });
});

describe('serve', () => {
  const serve = (...args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(REPO_ROOT, 'electron/serve.ts'), ...args],
        {
          env: { ...process.env, PEERPLAN_DB: join(dir, 'serve.sqlite') },
        },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });

  it('refuses an unknown option and a busy port with one line, exit 2', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const results = await Promise.all([
        serve('--bogus'),
        serve('--port', String(port)),
        serve('--port', 'x1'),
      ]);
      const expected = [
        /^serve: Unknown option '--bogus'/,
        new RegExp(`^serve: port ${port} on 127.0.0.1 is in use`),
        /^serve: --port must be a port number/,
      ];
      results.forEach(({ code, stderr }, index) => {
        expect(code).toBe(2);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toMatch(expected[index]!);
      });
    } finally {
      busy.close();
    }
  }, 60_000);
});
