/**
 * Well-formed Unicode text. A JavaScript string can hold a lone UTF-16 surrogate, which has no
 * UTF-8 form: SQLite and every file writer turn it into U+FFFD, so two IDs that differ only there
 * would become one. Input is refused instead (plan files, edits).
 */

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `text` has no lone surrogate (String.prototype.isWellFormed of ES2024). */
export function isWellFormedText(text: string): boolean {
  // Most text has no surrogate at all: one quick scan settles it.
  return !SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}

export const LONE_SURROGATE_MESSAGE = 'holds a lone UTF-16 surrogate: not valid Unicode text';

/** The path of the first string inside `value` (objects and arrays) with a lone surrogate, or null. */
export function pathOfLoneSurrogate(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === 'string') {
      if (!isWellFormedText(item)) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], path: [...path, i] });
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (!isWellFormedText(key)) return [...path, key];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}
