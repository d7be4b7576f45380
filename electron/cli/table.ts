/**
 * Aligned text tables for people, with colour when the output is a terminal (and `NO_COLOR` is
 * not set; `FORCE_COLOR` forces it on). Widths count characters of the plain text, so colour
 * codes never break the alignment. Every cell is shown through `visible`: a name holding ESC, a
 * newline or a bidi override prints as escapes, so it cannot break a row or drive the terminal.
 */
import { visible } from '../../shared/text/visible';

export type Style = 'error' | 'warning' | 'info' | 'ok' | 'bold' | 'dim';

/** A cell: plain text, or text with a style. */
export type Cell = string | { readonly text: string; readonly style?: Style };

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

const ANSI: Record<Style, [string, string]> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  info: ['\x1b[36m', '\x1b[39m'],
  ok: ['\x1b[32m', '\x1b[39m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
};

/** Whether to colour what goes to `stream` (stdout by default). */
export function useColor(stream: { isTTY?: boolean } = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** `text` in `style` when colour is on. */
export function paint(text: string, style: Style | undefined, color: boolean): string {
  if (!color || !style) return text;
  const [open, close] = ANSI[style];
  return `${open}${text}${close}`;
}

function cellText(cell: Cell): string {
  return visible(typeof cell === 'string' ? cell : cell.text);
}

/**
 * The table as text, one line per row (header first, then a rule), each line ending in a
 * newline. Cells are separated by two spaces; trailing spaces are trimmed.
 */
export function formatTable(
  columns: readonly (string | Column)[],
  rows: readonly (readonly Cell[])[],
  options: { color?: boolean } = {},
): string {
  const color = options.color ?? false;
  const cols: Column[] = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const widths = cols.map((c) => cellText(c.header).length);
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cellText(cell).length);
    });
  }
  const line = (cells: readonly Cell[], headerStyle?: Style): string =>
    cells
      .map((cell, i) => {
        const text = cellText(cell);
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - text.length));
        const style = headerStyle ?? (typeof cell === 'string' ? undefined : cell.style);
        const painted = paint(text, style, color);
        const last = i === cells.length - 1;
        return cols[i]?.align === 'right' ? pad + painted : last ? painted : painted + pad;
      })
      .join('  ')
      .trimEnd();
  const out = [
    line(
      cols.map((c) => c.header),
      'bold',
    ),
    widths.map((w) => '-'.repeat(w)).join('  '),
  ];
  for (const row of rows) out.push(line(row));
  return `${out.join('\n')}\n`;
}

/** Prints a table to stdout, coloured on a terminal. */
export function printTable(columns: readonly (string | Column)[], rows: readonly (readonly Cell[])[]): void {
  process.stdout.write(formatTable(columns, rows, { color: useColor() }));
}
