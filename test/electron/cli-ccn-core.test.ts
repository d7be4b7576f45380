/**
 * `peerplan check` and `peerplan routes` on CCN plans, run as child processes: the CCN findings
 * in `check` (human and JSON), CCN routes in `routes` with `origin: "ccn"`, the CCN as next hop,
 * `effective` and the code of a route that is not effective (spec/ccn.md); a plan without CCNs
 * keeps the routes JSON it had (no `effective` key anywhere).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPeerplan } from './run-peerplan';

const FIXTURES = resolve(__dirname, '../fixtures/plans');
const CCN_CORE = join(FIXTURES, 'ccn-core.json');
const TODAY = { PEERPLAN_TODAY: '2026-11-29' };
const dir = mkdtempSync(join(tmpdir(), 'peerplan-cli-ccn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The seed's Guangzhou–Beijing peering with both VPCs attached to a CCN that publishes subnets. */
function migrationPlan(): string {
  const file = JSON.parse(readFileSync(join(FIXTURES, 'seed-gz-bj-peering.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  file.ccns = [
    {
      id: 'ccn-mig',
      name: 'migration',
      account: '100000000001',
      attachments: [
        { vpc: 'vpc-gz', attachedAt: '2026-11-20', publish: 'subnets' },
        { vpc: 'vpc-bj', attachedAt: '2026-11-21', publish: 'subnets' },
      ],
    },
  ];
  const path = join(dir, 'migration.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

const ccnHop = (id: string) => ({ type: 'ccn', id });

describe('peerplan check on CCN plans', () => {
  it('ccn-core.json --json: the conflict and the pending cross-account attachment', async () => {
    const { code, stdout } = await runPeerplan(['check', CCN_CORE, '--json'], TODAY);
    expect(code).toBe(0); // a warning and an info: no error
    const { findings, summary } = JSON.parse(stdout) as {
      findings: { code: string; severity: string; subjects: string[] }[];
      summary: Record<string, number>;
    };
    expect(findings.map((f) => [f.code, f.severity, f.subjects])).toEqual([
      ['CCN_ROUTE_CONFLICT', 'warning', ['ccn-core', 'vpc-bj', 'vpc-gz']],
      ['CCN_ATTACH_PENDING', 'info', ['ccn-core@vpc-data', 'ccn-core', 'vpc-data']],
    ]);
    expect(summary).toEqual({ errors: 0, warnings: 1, infos: 1 });
  });

  it('for people: the codes and the summary line', async () => {
    const { code, stdout } = await runPeerplan(['check', CCN_CORE], TODAY);
    expect(code).toBe(0);
    expect(stdout).toContain('CCN_ROUTE_CONFLICT');
    expect(stdout).toContain('CCN_ATTACH_PENDING');
    expect(stdout).toContain('0 errors, 1 warning, 1 info');
  });

  it('the seed peering with both VPCs on a CCN: shadowed CCN routes, the migration, the legacy offer', async () => {
    const { stdout } = await runPeerplan(['check', migrationPlan(), '--json'], TODAY);
    const { findings } = JSON.parse(stdout) as {
      findings: { code: string; subjects: string[]; message: string }[];
    };
    const ccnOnes = findings.filter(
      (f) => f.code.startsWith('CCN_') || f.code === 'PEERING_CROSS_REGION_LEGACY',
    );
    // Warnings before infos, as `check` sorts them.
    expect(ccnOnes.map((f) => [f.code, f.subjects])).toEqual([
      ['CCN_ROUTE_SHADOWED', ['rtb-gz', 'rtb-gz#0', 'ccn-mig']],
      ['CCN_ROUTE_SHADOWED', ['rtb-bj', 'rtb-bj#0', 'ccn-mig']],
      ['PEERING_CROSS_REGION_LEGACY', ['pcx-peerconn']],
      ['CCN_PEERING_MIGRATION', ['pcx-peerconn', 'ccn-mig']],
    ]);
  });
});

describe('peerplan routes on CCN plans', () => {
  it('ccn-core.json --json: CCN routes in every other active member, the conflict not effective', async () => {
    const { code, stdout } = await runPeerplan(['routes', CCN_CORE, '--json'], TODAY);
    expect(code).toBe(0);
    const local = (destination: string) => ({ destination, nextHop: null, origin: 'local', codes: [] });
    const live = (destination: string) => ({
      destination,
      nextHop: ccnHop('ccn-core'),
      origin: 'ccn',
      codes: [],
      effective: true,
    });
    const invalid = {
      destination: '10.1.128.0/17',
      nextHop: ccnHop('ccn-core'),
      origin: 'ccn',
      codes: ['CCN_ROUTE_CONFLICT'],
      effective: false,
    };
    expect(JSON.parse(stdout)).toEqual({
      routeTables: [
        {
          id: 'vpc-gz/default',
          vpc: 'vpc-gz',
          subnets: ['subnet-gz-a'],
          routes: [local('10.1.0.0/16'), live('10.2.0.0/16'), invalid],
        },
        {
          id: 'vpc-sh/default',
          vpc: 'vpc-sh',
          subnets: ['subnet-sh-a'],
          routes: [local('10.2.0.0/16'), live('10.1.0.0/16'), invalid],
        },
        {
          id: 'vpc-bj/default',
          vpc: 'vpc-bj',
          subnets: ['subnet-bj-a'],
          routes: [local('10.1.128.0/17'), live('10.1.0.0/16'), live('10.2.0.0/16')],
        },
        {
          id: 'vpc-data/default',
          vpc: 'vpc-data',
          subnets: ['subnet-data-a'],
          routes: [local('10.9.0.0/16')],
        },
      ],
    });
  });

  it('the shadowed CCN route and the plan route that shadows it both carry CCN_ROUTE_SHADOWED', async () => {
    const { stdout } = await runPeerplan(['routes', migrationPlan(), '--json'], TODAY);
    const { routeTables } = JSON.parse(stdout) as { routeTables: { id: string; routes: unknown[] }[] };
    expect(routeTables.find((t) => t.id === 'rtb-gz')!.routes).toEqual([
      { destination: '192.168.0.0/16', nextHop: null, origin: 'local', codes: [] },
      {
        destination: '10.0.1.0/24',
        nextHop: { type: 'peering', id: 'pcx-peerconn' },
        origin: 'plan',
        codes: ['CCN_ROUTE_SHADOWED'],
      },
      {
        destination: '10.0.1.0/24',
        nextHop: ccnHop('ccn-mig'),
        origin: 'ccn',
        codes: ['CCN_ROUTE_SHADOWED'],
        effective: false,
      },
    ]);
  });

  it('for people: the CCN as next hop, "ccn (not effective)" with its code', async () => {
    const { stdout } = await runPeerplan(['routes', CCN_CORE], TODAY);
    const gz = stdout.split('\n\n')[0]!;
    expect(gz.split('\n').slice(3)).toEqual([
      '10.1.0.0/16    local         local',
      '10.2.0.0/16    ccn ccn-core  ccn',
      '10.1.128.0/17  ccn ccn-core  ccn (not effective)  CCN_ROUTE_CONFLICT',
    ]);
  });

  it('a plan without CCNs: no CCN route and no `effective` key', async () => {
    const { stdout } = await runPeerplan(
      ['routes', join(FIXTURES, 'seed-gz-bj-peering.json'), '--json'],
      TODAY,
    );
    expect(stdout).not.toContain('"effective"');
    expect(stdout).not.toContain('"ccn"');
  });
});
