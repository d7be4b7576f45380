/**
 * `peerplan cost --traffic FILE` on a traffic CSV of 15 million lines (1,000 cross-region
 * peerings, one in ten billed monthly-p95, 52 days of 5-minute samples; about 700 MB, generated
 * into a temporary folder and deleted after). Target (issue 13): under 500 MB peak RSS, where
 * keeping every sample took 3.4 GB. The same command on a tenth of the lines is the baseline:
 * memory grows with peerings × days (and the P95 points, 12 bytes each), not with the lines.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, runPeerplanMeasured } from '../child-process';
import { ms, ratio } from '../harness';
import type { BenchContext } from '../harness';

const PEERINGS = 1000;
const LINES = 15_000_000;

function planFile(): string {
  const vpcs = [];
  const peerings = [];
  for (let i = 0; i < PEERINGS; i++) {
    const octet = `${Math.floor(i / 256)}.${i % 256}`;
    vpcs.push(
      { id: `vpc-sh-${i}`, account: '100000000001', region: 'ap-shanghai', cidr: `10.${octet}.0/24` },
      { id: `vpc-gz-${i}`, account: '100000000001', region: 'ap-guangzhou', cidr: `11.${octet}.0/24` },
    );
    peerings.push({
      id: `pcx-${i}`,
      requester: `vpc-sh-${i}`,
      accepter: `vpc-gz-${i}`,
      bandwidthMbps: 500,
      chargeType: i % 10 === 0 ? 'monthly-p95' : 'daily-peak',
    });
  }
  return JSON.stringify({
    format: 'peerplan/1',
    name: 'Traffic benchmark',
    asOf: '2026-11-26',
    accounts: [{ id: '100000000001' }],
    vpcs,
    peerings,
  });
}

/** Writes `lines` samples, time by time and peering by peering, in 4 MB chunks. */
function writeTraffic(file: string, lines: number): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = 'peering,at,inMbps,outMbps\n';
    const start = Date.UTC(2026, 9, 1);
    let written = 0;
    for (let slot = 0; written < lines; slot++) {
      const at = new Date(start + slot * 300_000).toISOString().replace('.000Z', 'Z');
      for (let p = 0; p < PEERINGS && written < lines; p++, written++) {
        const inMbps = (slot * 7 + p * 13) % 400;
        const outMbps = ((slot * 11 + p * 5) % 3000) / 10;
        chunk += `pcx-${p},${at},${inMbps},${outMbps}\n`;
        if (chunk.length > 4_000_000) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export default async function trafficStreamSection(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-bench-traffic-'));
  try {
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, planFile());
    const results = [];
    for (const lines of [LINES / 10, LINES]) {
      const csv = join(dir, `traffic-${lines}.csv`);
      writeTraffic(csv, lines);
      const size = statSync(csv).size;
      const run = await runPeerplanMeasured(['cost', plan, '--traffic', csv, '--json']);
      rmSync(csv);
      if (run.status !== 0) throw new Error(`peerplan cost exited ${run.status}: ${run.stderr}`);
      results.push(run);
      ctx.log(
        `cost --traffic, ${lines.toLocaleString('en')} lines (${(size / 1e6).toFixed(0)} MB): ${ms(run.wallMs)} wall, ${ms(run.cpuMs ?? NaN)} CPU, peak RSS ${mb(run.peakRssMb)}${lines === LINES ? ' (target < 500 MB)' : ''}`,
      );
    }
    const [tenth, full] = results as [(typeof results)[0], (typeof results)[0]];
    ctx.log(
      `10x the lines: ${ratio(full.peakRssMb ?? NaN, tenth.peakRssMb ?? NaN)} the peak memory, ${ratio(full.cpuMs ?? NaN, tenth.cpuMs ?? NaN)} the CPU time`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
