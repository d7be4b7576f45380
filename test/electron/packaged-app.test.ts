/**
 * The packaged app (`electron-builder --dir`, run by .ci/run where Electron's binary can be
 * downloaded): its fuses read back from the binary with @electron/fuses, against the values
 * Electron's security checklist asks for (written out here, not read from the builder config).
 * Without a packaged app the binary test is skipped and says why; the reading itself is checked
 * on a synthetic fuse wire, and the package's contents on the builder config and the shim.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-peerplan';

const PACKAGED_APP =
  process.env.PEERPLAN_PACKAGED_APP ?? join(REPO_ROOT, 'release/linux-unpacked/peerplan-desktop');
const packaged = existsSync(PACKAGED_APP);
/** The marker Electron puts before its fuse wire (electron/fuses, docs/tutorial/fuses.md). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** The fuses a hardened app ships with (Electron's security checklist, "Electron fuses"). */
const EXPECTED_FUSES: Partial<Record<FuseV1Options, FuseState>> = {
  [FuseV1Options.RunAsNode]: FuseState.DISABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
};

function fusesOf(
  wire: Awaited<ReturnType<typeof getCurrentFuseWire>>,
): Partial<Record<FuseV1Options, FuseState>> {
  const read: Partial<Record<FuseV1Options, FuseState>> = {};
  for (const option of Object.keys(EXPECTED_FUSES).map(Number) as FuseV1Options[])
    read[option] = wire[option];
  return read;
}

describe('the packaged app', () => {
  it.skipIf(!packaged)(
    packaged
      ? `has its fuses flipped (${PACKAGED_APP})`
      : `has its fuses flipped: SKIPPED, no packaged app at ${PACKAGED_APP} (electron-builder --dir needs Electron's binary, which cannot be downloaded here)`,
    async () => {
      expect(fusesOf(await getCurrentFuseWire(PACKAGED_APP))).toEqual(EXPECTED_FUSES);
    },
  );

  it('reads fuses back from a binary (a synthetic fuse wire, as Electron lays it out)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-fuses-'));
    try {
      // Sentinel, wire version 1, wire length, one byte per fuse: '0' off, '1' on.
      const states = ['0', '1', '0', '0', '1', '1', '1', '0', '1'];
      const binary = join(dir, 'electron');
      writeFileSync(
        binary,
        Buffer.concat([
          Buffer.from('ELF…padding…'),
          Buffer.from(SENTINEL),
          Buffer.from([1, states.length]),
          Buffer.from(states.join('')),
        ]),
      );
      expect(fusesOf(await getCurrentFuseWire(binary))).toEqual(EXPECTED_FUSES);
      // A wire with run-as-node left on is read as such (the check can fail).
      states[0] = '1';
      writeFileSync(
        binary,
        Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, states.length]), Buffer.from(states.join(''))]),
      );
      expect(fusesOf(await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries the bundled command line and installs `peerplan` (deb), with no TypeScript loader', () => {
    const config = readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^files:\n(?: {2}- .*\n)*? {2}- dist-cli\/peerplan\.cjs$/m);
    expect(config).toMatch(/^extraResources:\n {2}- from: build\/linux\/peerplan\n {4}to: bin\/peerplan$/m);
    expect(config).toMatch(/^ {2}afterInstall: build\/linux\/after-install\.sh$/m);
    expect(config).toMatch(/^ {2}- ext: peerplan\.json$/m);
    const afterInstall = readFileSync(join(REPO_ROOT, 'build/linux/after-install.sh'), 'utf8');
    expect(afterInstall).toContain('ln -sf "$APP_DIR/resources/bin/peerplan" /usr/bin/peerplan');
    for (const script of [
      'build/linux/peerplan',
      'build/linux/after-install.sh',
      'build/linux/after-remove.sh',
    ]) {
      accessSync(join(REPO_ROOT, script), constants.X_OK);
    }
    // Runtime dependencies are what electron-builder packs: no tsx, no esbuild.
    const { dependencies } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(dependencies)).not.toContain('tsx');
    expect(Object.keys(dependencies)).not.toContain('esbuild');
  });

  it('runs the app binary in its --cli mode from the installed shim, whatever the link', () => {
    // The shim as installed: /opt/Peerplan/resources/bin/peerplan, linked from /usr/bin.
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-install-'));
    try {
      execFileSync('mkdir', ['-p', join(dir, 'opt/resources/bin'), join(dir, 'usr/bin')]);
      const app = join(dir, 'opt/peerplan-desktop');
      writeFileSync(app, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
      writeFileSync(
        join(dir, 'opt/resources/bin/peerplan'),
        readFileSync(join(REPO_ROOT, 'build/linux/peerplan')),
        {
          mode: 0o755,
        },
      );
      execFileSync('ln', ['-s', join(dir, 'opt/resources/bin/peerplan'), join(dir, 'usr/bin/peerplan')]);
      const printed = execFileSync(join(dir, 'usr/bin/peerplan'), ['check', 'a plan.json']).toString();
      expect(printed.trimEnd().split('\n')).toEqual([
        '--headless',
        '--disable-gpu',
        '--cli',
        '--',
        'check',
        'a plan.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
