/**
 * Where the library's worker thread script is when Peerplan runs from its TypeScript sources (the
 * browser-build server under tsx, tests, benches). The Electron main process, bundled, passes the
 * bundle beside it instead (dist-electron/store-worker.cjs; see main.ts).
 */
import { fileURLToPath } from 'node:url';

export const SOURCE_WORKER_FILE = fileURLToPath(new URL('./store-worker-source.mjs', import.meta.url));
