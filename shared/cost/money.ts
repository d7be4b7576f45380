/**
 * Exact money: costs are products of decimal numbers (Mbps × CNY per Mbps, × days / days), so
 * they are computed on exact decimals (BigInt mantissa and power-of-ten scale) and rounded once,
 * half up, to the fen (0.01 CNY). Sums are sums of integer fen: no floating-point drift.
 */

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * The decimal a JS number prints as (its shortest round-trip form, e.g. 0.1 is exactly 1/10,
 * not the binary double nearest to it): what the user wrote in the plan.
 */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [mantissa = '0', exponentText] = String(value).toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  let units = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function isPositive(a: Decimal): boolean {
  return a.units > 0n;
}

/**
 * `product of factors × numerator / denominator`, in fen, rounded half up (the amount is never
 * negative here). The factors are in CNY (e.g. Mbps and CNY per Mbps).
 */
export function toFen(factors: readonly Decimal[], numerator = 1n, denominator = 1n): bigint {
  let units = 100n * numerator;
  let scale = 0;
  for (const factor of factors) {
    units *= factor.units;
    scale += factor.scale;
  }
  const divisor = denominator * 10n ** BigInt(scale);
  return (2n * units + divisor) / (2n * divisor);
}

/** Fen as a number of CNY (exact to the fen when printed: 24001 fen → 240.01). */
export function fenToCny(fen: bigint): number {
  return Number(fen) / 100;
}
