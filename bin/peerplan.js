#!/usr/bin/env -S node --max-semi-space-size=64
// The `peerplan` command line. It runs the TypeScript sources through tsx, so it works straight
// after `npm ci`: no build step and no Electron binary.
//
// --max-semi-space-size=64: V8's young generation (16 MB per semi-space by default) is smaller
// than the object graph of a large plan file, so JSON.parse of a 12 MB plan triggers several
// scavenges that each copy everything parsed so far; with 64 MB it costs about half. The
// Electron main process passes the same flag to its renderers, and `npm run bench` runs with it.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../electron/cli/main.ts', import.meta.url).href);
