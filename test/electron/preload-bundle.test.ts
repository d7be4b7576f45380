/**
 * The preload is lean: bundled as `npm run build:electron` bundles it, it holds the channel names
 * and Electron's IPC calls, not zod (which was 764 KB of it), and it exposes every API channel.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names';
import { CHANNELS } from '../../shared/ipc/contract';
import { REPO_ROOT } from './run-peerplan';

describe('the preload bundle', () => {
  it('names every channel of the contract, and no other', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });

  it('bundles no zod and stays under 8 KB', async () => {
    const result = await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome155',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    expect(inputs.sort()).toEqual(['electron/preload.ts', 'shared/ipc/channel-names.ts']);
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(8 * 1024);
  });
});
