/**
 * Benchmark helpers: the median of several timed runs (after warm-up runs that let the JIT
 * settle), and consistent printing of figures and ratios.
 */
import { performance } from 'node:perf_hooks';

export interface BenchContext {
  /** Timed runs per measurement (median taken); `BENCH_RUNS` overrides. */
  readonly runs: number;
  /** Prints one line of figures, indented under the section title. */
  log(line: string): void;
}

export function createContext(): BenchContext {
  const fromEnv = Number(process.env.BENCH_RUNS);
  return {
    runs: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 11,
    log: (line) => process.stdout.write(`  ${line}\n`),
  };
}

/** Median wall time of `fn` in milliseconds over `runs` runs, after `warmup` untimed runs. */
export async function median(fn: () => unknown, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

export interface Timing {
  /** Median wall time, ms. */
  readonly wall: number;
  /** Median CPU time of the process (user + system, all threads: GC helpers included), ms. */
  readonly cpu: number;
}

/**
 * Median wall time and median CPU time of `fn`. On a machine shared with other work, wall time
 * includes the time spent waiting for a core; CPU time shows what the work itself costs.
 */
export async function medianTiming(fn: () => unknown, runs: number, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { wall: middle(walls), cpu: middle(cpus) };
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** `slow / fast` as `12.3x`. */
export function ratio(slow: number, fast: number): string {
  return `${(slow / fast).toFixed(1)}x`;
}
