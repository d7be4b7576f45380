/**
 * The command line's start-up, as CI pays it: the whole process of `peerplan check` on the quick
 * start (the bin run through its shebang, as `npx peerplan` does), beside Node's own start-up
 * (`node -e 0`) measured in the same runs, interleaved so both meet the same machine load.
 * Target (issue 13): under 120 ms, where Node alone took 64 ms.
 *
 * Also shown: the same bundle without the code cache (`require` of dist-cli/peerplan.cjs), which
 * is what a read-only install or a first run pays.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ms, ratio } from '../harness';
import type { BenchContext } from '../harness';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const QUICK_START = 'shared/examples/quickstart.json';

interface Subject {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  /** The exit status a correct run gives (the quick start has findings but no errors). */
  readonly status: number;
}

function wallOf(subject: Subject): number {
  const start = performance.now();
  const result = spawnSync(subject.file, subject.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = performance.now() - start;
  if (result.status !== subject.status) {
    throw new Error(`${subject.label} exited ${result.status}: ${result.stderr.toString()}`);
  }
  return wall;
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export default async function cliStartupSection(ctx: BenchContext): Promise<void> {
  execFileSync(process.execPath, ['build/bundle-cli.mjs'], { cwd: ROOT });
  const subjects: Subject[] = [
    { label: 'node -e 0', file: process.execPath, args: ['-e', '0'], status: 0 },
    {
      label: 'peerplan check (bin)',
      file: `${ROOT}bin/peerplan.js`,
      args: ['check', QUICK_START],
      status: 0,
    },
    {
      label: 'bundle without code cache',
      file: process.execPath,
      args: [
        '--max-semi-space-size=64',
        '-e',
        `require('./dist-cli/peerplan.cjs').main(['check', '${QUICK_START}']).then((code) => (process.exitCode = code))`,
      ],
      status: 0,
    },
  ];
  // The first run of the bin writes its code cache; warm-up runs also settle the file cache.
  for (const subject of subjects) for (let i = 0; i < 2; i++) wallOf(subject);
  const walls = subjects.map(() => [] as number[]);
  const runs = Math.max(ctx.runs, 21);
  for (let run = 0; run < runs; run++) subjects.forEach((subject, i) => walls[i]!.push(wallOf(subject)));
  const [node, bin, uncached] = walls.map(middle) as [number, number, number];
  ctx.log(
    `peerplan check ${QUICK_START}, whole process: ${ms(bin)} (target < 120 ms) | node -e 0: ${ms(node)} | the CLI's own share: ${ms(bin - node)} (${ratio(bin, node)} Node's start-up; at the issue's 64 ms for Node: ${ms((64 * bin) / node)})`,
  );
  ctx.log(`the same bundle without the code cache: ${ms(uncached)} (own share ${ms(uncached - node)})`);
}
