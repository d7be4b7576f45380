/**
 * SQLite and file-system failures → `StoreError`s whose message says which file, what happened and
 * what is safe ("nothing was saved; the last save is intact"), instead of `SQLITE_FULL`.
 */
import { StoreError } from '../../shared/store/repository';

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return '';
}

export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreError(
      'DISK_FULL',
      `${path}: the disk is full (${detail}). Nothing was saved and the last save is intact; free some space and save again.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StoreError(
      'READ_ONLY',
      `${path}: the library cannot be written (${detail}). Nothing was saved; check the file's permissions or choose another library with --db.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'CORRUPT',
      `${path}: the library is damaged (${detail}). It was left untouched; open a saved copy or a revision exported earlier.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'BUSY',
      `${path}: another Peerplan is writing the library (${detail}). Nothing was saved; try again.`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
    return new StoreError('CANT_OPEN', `${path}: the library cannot be opened (${detail}).`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new StoreError('IO', `${path}: the disk failed while using the library (${detail}).`);
  }
  return error;
}
