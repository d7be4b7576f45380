/**
 * Money and bandwidth as the cost views write them: whole yuan without decimals, anything else to
 * the fen ("360 CNY", "1,234.50 CNY"); a cost without a price says so.
 */
export const ON_REQUEST = 'price on request';

export function formatCny(value: number | null): string {
  if (value === null) return ON_REQUEST;
  const digits = Number.isInteger(value) ? 0 : 2;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 })} CNY`;
}

export function formatMbps(value: number): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 3 })} Mbps`;
}

/** CCN costs are in USD: written the same way ("1,540 USD", "493.33 USD"), never added to CNY. */
export function formatUsd(value: number | null): string {
  if (value === null) return ON_REQUEST;
  const digits = Number.isInteger(value) ? 0 : 2;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 })} USD`;
}
