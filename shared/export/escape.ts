/**
 * Plan text (names, IDs, messages: anything a user or a cloud answer wrote) placed into Markdown,
 * Mermaid diagrams and HTML, escaped for the exact context it lands in. Every Markdown writer of
 * Peerplan (the review report, `diff --to md`) goes through these functions, so a name can never
 * open a heading, a list, an image, a link, raw HTML or a new table cell, or leave its code span.
 *
 * Each function returns text that a CommonMark/GFM parser reads back as one run of plain text (or
 * one code span) whose visible text is `visible(input)`: the input with control, bidi and
 * invisible characters shown as escapes (`\n`, `\x1b`, `\u202e`; shared/text/visible.ts), since a
 * raw line break would end the paragraph (or the table row) it sits in.
 *
 * Contexts:
 * - `mdText`: paragraphs, list items, headings, table cells (it escapes `|` in a way that is
 *   right both inside and outside a table);
 * - `mdCode`: a code span in a paragraph, list item or heading;
 * - `mdCellCode`: a code span inside a table cell (a table splits cells even inside code spans,
 *   so `|` needs a backslash there and only there);
 * - `mermaidLabel`: the text between the quotes of a Mermaid label (`["…"]`, `|"…"|`);
 * - `htmlText`: HTML or SVG text and attribute values, shown visibly (`escapeXml`: exactly).
 */
import { visible } from '../text/visible';

// `visible` (control and bidi characters shown as escapes) is shared with the terminal printers.
export { visible };

/**
 * ASCII punctuation that means something inline somewhere (CommonMark, GFM, or GitHub's own
 * additions: `@mention`, `$math$`, `~strike~`). Backslash escapes of ASCII punctuation are
 * always valid in CommonMark, so escaping one too many is harmless. `!` needs none: an image
 * starts with `![`, and `[` is escaped.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>|~&$@]/g;
/** `#` starts a heading (at a line's start) or a GitHub reference (`#12`) after a non-word. */
const HASH_AFTER_NON_WORD = /(?<![\p{L}\p{N}_])#/gu;

/**
 * Plain text for a paragraph, list item, heading or table cell: a single line, every syntax
 * character escaped, block markers at the start of the line neutralised, autolinks broken, and
 * white space at either end kept (as character references: paragraphs, headings and cells are
 * trimmed).
 */
export function mdText(text: string): string {
  let out = visible(text).replace(INLINE_SYNTAX, '\\$&').replace(HASH_AFTER_NON_WORD, '\\#');
  // GFM's extended autolinks need no `<…>`: `www.x`, `http://x`, `a@b.c` (the `@` is escaped above).
  out = out.replace(/(www)\./gi, '$1\\.').replace(/:\/\//g, '\\://');
  // Block structure, should the text start a line: list items (`-`, `+`, `1.`, `1)`), setext
  // underlines (`=`), thematic breaks (`-`), block quotes and headings are escaped above.
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return keepEdgeSpaces(out);
}

/** A heading's text (after `### `): the same escaping as any inline text. */
export const mdHeading = mdText;

function keepEdgeSpaces(text: string): string {
  // JavaScript's `\s` is wider than CommonMark's white space: some parsers trim with it.
  return text.replace(/^\s+|\s+$/g, (spaces) => [...spaces].map((c) => `&#${c.codePointAt(0)!};`).join(''));
}

/**
 * A code span: a fence one backtick longer than the longest run of backticks inside, and a space
 * of padding when the text starts or ends with a backtick or a space (the parser removes exactly
 * one space from each end when both are spaces). Empty text gives an empty string (an empty code
 * span does not exist in Markdown).
 */
export function mdCode(text: string): string {
  const content = visible(text);
  if (content === '') return '';
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(content) && !/^ +$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A code span inside a GFM table cell: `|` would end the cell even inside the span, so it gets a
 * backslash, which the table removes before the span is read. A backslash already before a `|`
 * cannot be kept inside a span (the table would take both), so such text is written as plain
 * escaped text instead.
 */
export function mdCellCode(text: string): string {
  const content = visible(text);
  if (/\\\|/.test(content)) return mdText(text);
  return mdCode(text).replace(/\|/g, '\\|');
}

/**
 * A GFM table from cells already escaped for a cell (`mdText`, `mdCellCode`, or fixed text with
 * no `|` and no line break).
 */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/**
 * Characters that Mermaid reads inside a quoted label, as its own entity codes (`#35;`, decoded
 * to `&#35;` before the label reaches the page): `"` ends the label; `#` starts an entity code;
 * `\n` (a backslash and an n, as `visible` writes a line break) is read as a line break;
 * `&` an HTML entity; `<`/`>` HTML (labels are HTML by default); a leading backtick makes a
 * Markdown label; `$` starts KaTeX math; `:` and `;` take part in Mermaid's own rewriting of
 * `style …:…#…;` lines, which would eat a character of the label.
 */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '\\': '#92;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  $: '#36;',
  ':': '#58;',
  ';': '#59;',
};

/**
 * Text between the quotes of a Mermaid label, shown as written (on one line). The label must not
 * also hold a `<br/>`: Mermaid then decodes the entity codes before it looks for math and icons.
 */
export function mermaidLabel(text: string): string {
  return visible(text).replace(/[#\\"&<>`$:;]/g, (c) => MERMAID_ENTITIES[c]!);
}

/** Text for XML/HTML content and quoted attribute values, character for character. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/**
 * Text a person reads in an HTML report: escaped, with control and bidi characters shown (a
 * U+202E in a name would otherwise reverse the text after it on screen).
 */
export function htmlText(text: string): string {
  return escapeXml(visible(text));
}
