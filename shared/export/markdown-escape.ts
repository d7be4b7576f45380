/**
 * User strings placed in Markdown that a code host renders (a PR comment, a report): a code span
 * that no backtick inside can close, safe in a table cell, and that cannot mention anyone.
 * CommonMark: a code span is closed by a backtick run of the same length as the opening one, and
 * a leading or trailing space inside is stripped once, so the fence is one longer than the longest
 * run inside and padded with a space when the text starts or ends with a backtick. GFM tables
 * split cells on `|` even inside code spans unless it is escaped as `\|`.
 */

/** C0 controls and DEL: nothing a comment should carry (escape sequences, NUL). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Characters above which a single value is cut (a plan name of a megabyte stays one line). */
export const MD_VALUE_MAX_CHARS = 200;

/** Cuts text to `max` characters (whole code points), marking the cut with an ellipsis. */
export function truncateText(text: string, max = MD_VALUE_MAX_CHARS): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** A value as an inline code span; `inTable` escapes the pipes that would split a GFM table cell. */
export function mdCode(value: string, options: { inTable?: boolean; max?: number } = {}): string {
  const text = truncateText(value.replace(/[\r\n\t]+/g, ' '), options.max).replace(CONTROL_CHARACTERS, '');
  if (text === '') return '(empty)';
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  const body = options.inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Prose with user strings inside (a finding's message): the ASCII punctuation that can start
 * markup backslash-escaped (emphasis, code, links, images, HTML, entities, strikethrough, tables,
 * headings, list markers; `.` and `:` so that `www.x.io` and `http://` make no autolink), no line
 * breaks, and `@` followed by a word joiner so that `@team` names nobody.
 */
export function mdProse(value: string, options: { max?: number } = {}): string {
  return truncateText(value.replace(/[\r\n\t]+/g, ' '), options.max ?? 400)
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[\\`*_[\]{}<>#!|~&:.]/g, '\\$&')
    .replace(/^[-+]/, '\\$&')
    .replace(/@/g, '@\u2060');
}
