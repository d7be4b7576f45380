/**
 * Opening a library file safely. Before SQLite may write a byte, the file is checked from the
 * outside (its header) and then through a read-only connection (application_id, user_version,
 * quick_check): a file that is not SQLite, is damaged, belongs to another application or was written
 * by a newer Peerplan is refused with a message and left exactly as it was.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../../shared/store/repository';
import { toStoreError } from './errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';

export interface OpenLibraryOptions {
  /** Open for reading only, even when the file is writable. */
  readonly readOnly?: boolean;
  /** How long a writer waits for another one (another process's save) before BUSY. */
  readonly busyTimeoutMs?: number;
  /** Caps the file's size in pages; tests use it to simulate a full disk. */
  readonly maxPageCount?: number;
}

export interface OpenedLibrary {
  readonly path: string;
  readonly db: Database.Database;
  readonly readOnly: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

interface Header {
  readonly applicationId: number;
  readonly userVersion: number;
}

function readHeader(path: string, size: number): Header {
  if (size < HEADER_BYTES) {
    throw new StoreError(
      'NOT_SQLITE',
      `${path}: not a Peerplan library (the file is ${size} bytes, too short for a SQLite database). It was left untouched.`,
    );
  }
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new StoreError(
      'NOT_SQLITE',
      `${path}: not a Peerplan library (it is not a SQLite database). It was left untouched.`,
    );
  }
  return { userVersion: header.readInt32BE(60), applicationId: header.readInt32BE(68) };
}

function checkMarks(path: string, { applicationId, userVersion }: Header, hasTables: () => boolean): void {
  if (applicationId !== APPLICATION_ID && applicationId !== 0) {
    throw new StoreError(
      'FOREIGN_FILE',
      `${path}: not a Peerplan library (a SQLite database of another application, application_id ${applicationId}). It was left untouched.`,
    );
  }
  if (applicationId === 0 && (userVersion !== 0 || hasTables())) {
    throw new StoreError(
      'FOREIGN_FILE',
      `${path}: not a Peerplan library (a SQLite database without Peerplan's mark). It was left untouched.`,
    );
  }
  if (userVersion > SCHEMA_VERSION) {
    throw new StoreError(
      'NEWER_SCHEMA',
      `${path}: this library was written by a newer Peerplan (schema ${userVersion}; this one knows up to ${SCHEMA_VERSION}). Update Peerplan to open it; the file was left untouched.`,
    );
  }
}

/** Reads the marks through SQLite itself (the header can lag behind a WAL) and checks the pages. */
function inspectReadOnly(path: string): Header {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const header: Header = {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
    };
    const connection = db;
    checkMarks(
      path,
      header,
      () => (connection.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number) > 0,
    );
    const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const first = problems[0]?.quick_check ?? 'ok';
    if (first !== 'ok') {
      throw new StoreError(
        'CORRUPT',
        `${path}: the library is damaged (${first}). It was left untouched; open a saved copy instead.`,
      );
    }
    return header;
  } catch (error) {
    throw toStoreError(error, path);
  } finally {
    db?.close();
  }
}

function isWritableFile(path: string, mode: number): boolean {
  // Judged by the permission bits, not access(2): as root access(2) says yes to every file, and
  // a file the user marked read-only must stay read-only whoever runs the app.
  return (mode & 0o222) !== 0;
}

/** Brings the schema to SCHEMA_VERSION in one immediate transaction (safe against a second writer). */
export function migrate(db: Database.Database, upTo: number = SCHEMA_VERSION): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > upTo) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  run.immediate();
}

export function openLibrary(path: string, options: OpenLibraryOptions = {}): OpenedLibrary {
  const absolute = resolve(path);
  let exists = false;
  let readOnly = options.readOnly ?? false;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) throw new StoreError('CANT_OPEN', `${absolute}: not a file.`);
    exists = true;
    if (!isWritableFile(absolute, stat.mode)) readOnly = true;
    if (stat.size > 0) {
      checkMarks(absolute, readHeader(absolute, stat.size), () => false);
      const marks = inspectReadOnly(absolute);
      if (readOnly && marks.userVersion < SCHEMA_VERSION) {
        throw new StoreError(
          'READ_ONLY',
          `${absolute}: this library is read-only and was written by an older Peerplan (schema ${marks.userVersion}); make it writable once so it can be upgraded.`,
        );
      }
    }
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw toStoreError(error, absolute);
  }
  if (!exists) {
    if (readOnly) throw new StoreError('CANT_OPEN', `${absolute}: there is no library file to read.`);
    try {
      mkdirSync(dirname(absolute), { recursive: true });
    } catch (error) {
      throw toStoreError(error, absolute);
    }
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(absolute, { readonly: readOnly, timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('foreign_keys = ON');
    // A whole reference plan's pages fit in the cache, so one big save never spills mid-transaction.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL never loses a committed save when the app crashes or is killed; only a
      // power cut can drop the latest saves, and the file stays consistent.
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    return { path: absolute, db, readOnly };
  } catch (error) {
    db?.close();
    throw toStoreError(error, absolute);
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}
