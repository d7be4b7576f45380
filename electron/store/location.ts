/**
 * Where the plan library lives: one file in the OS's per-user app-data folder, unless `--db FILE`
 * or `PEERPLAN_DB` names another (tests, scripts, a library on a shared drive).
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const LIBRARY_FILE_NAME = 'library.peerplan.sqlite';
const APP_FOLDER = 'Peerplan';

export function defaultLibraryPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER, LIBRARY_FILE_NAME);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_FOLDER, LIBRARY_FILE_NAME);
  }
  // Linux and the other Unixes: the XDG base directory spec (an empty or relative value is ignored).
  const dataHome =
    env.XDG_DATA_HOME && posix.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : posix.join(home, '.local', 'share');
  return posix.join(dataHome, APP_FOLDER, LIBRARY_FILE_NAME);
}

/** `--db FILE` first, then `PEERPLAN_DB`, then the app-data folder. */
export function resolveLibraryPath(
  options: { db?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): string {
  const env = options.env ?? process.env;
  return options.db || env.PEERPLAN_DB || defaultLibraryPath(process.platform, env);
}
