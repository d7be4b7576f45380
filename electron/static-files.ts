/**
 * Maps a request path to a file of the built renderer (dist-renderer/), never outside it: `..`,
 * encoded separators and absolute paths resolve to null. `/` is `index.html`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export function resolveStaticFile(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}
