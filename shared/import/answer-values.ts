/**
 * Reading values out of saved API answers: objects located in their file (for the notes), and the
 * loose scalars the cloud writes (a UIN as an Integer or a string, empty strings for "not given").
 */
export type Json = Record<string, unknown>;

/** An object of an answer, with the file and JSON path it came from. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly path: string;
  /** The region the file's path names, if any. */
  readonly region?: string;
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string (a number is written as one); undefined otherwise. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** An account UIN (the API gives an Integer or a string; 0 or empty means not given). */
export const uin = (v: unknown): string | undefined => {
  const text = typeof v === 'number' ? (Number.isSafeInteger(v) && v > 0 ? String(v) : undefined) : str(v);
  return text === undefined || text === '0' ? undefined : text;
};
