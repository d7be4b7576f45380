// Runs the library's worker thread (store-worker.ts) from the TypeScript sources: the
// browser-build server under tsx (`npm run serve`), the tests and the benches. The built app runs
// the bundle dist-electron/store-worker.cjs instead and never loads this file (tsx is a dev
// dependency).
import { register } from 'tsx/esm/api';

register();
await import('./store-worker.ts');
