/**
 * Text for a terminal (or a one-line comment): control characters, bidi overrides and other
 * invisible format characters shown as escapes, so a name can neither move the cursor, clear the
 * screen, start a new line nor reorder what follows it (CVE-2021-42574, "Trojan Source").
 *
 * Escaped: C0 controls (NUL…US: `\n`, `\r`, `\t` by name, the rest as `\xHH`), DEL and the C1
 * controls (`\x7f`, `\x80`…`\x9f`), the bidi embeddings, overrides, isolates and marks
 * (U+061C, U+200E, U+200F, U+202A…U+202E, U+2066…U+2069), zero-width characters (U+200B…U+200D,
 * U+2060, U+FEFF), the line and paragraph separators (U+2028, U+2029) and lone surrogates, each
 * as `\uHHHH`. Everything else, CJK and emoji included, is kept as it is.
 */

const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, bidi and invisible format character shown as an escape. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}
