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
