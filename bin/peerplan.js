#!/usr/bin/env node
// The `peerplan` command line. It runs the TypeScript sources through tsx, so it works straight
// after `npm ci`: no build step and no Electron binary.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../electron/cli/main.ts', import.meta.url).href);
