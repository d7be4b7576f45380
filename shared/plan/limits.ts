/**
 * The sizes Peerplan accepts, so hostile or broken input is refused with one line instead of
 * exhausting memory or the stack (the README lists them). Each is far above any real plan: the
 * reference plan of 3,000 VPCs is 12 MB and nests 6 levels deep; a traffic line is ~50 characters.
 */

/** A plan file (the app's Import and Open, the command line, the server's import). */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;
/** Arrays and objects inside each other in a plan file (the format itself needs 6). */
export const MAX_JSON_DEPTH = 64;
/** One line of a traffic CSV. */
export const MAX_CSV_LINE_CHARS = 4096;

export function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * The offset of the first bracket that opens nesting level `maxDepth + 1` in JSON text (strings
 * skipped), or -1 when the text nests no deeper than `maxDepth`. A linear scan with a counter:
 * the recursive parsers behind the error messages would overflow the stack on such text.
 */
export function firstTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return -1;
}
