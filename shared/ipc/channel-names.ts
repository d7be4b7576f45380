/**
 * The names of the API channels and the shell's events, without their schemas: what the preload
 * needs to expose one function per channel. The preload bundles this file alone, not zod (the
 * schemas in contract.ts were 764 KB of the preload). contract.ts checks at compile time that
 * this list and its `channels` table name the same channels: adding a channel there without
 * naming it here fails `npm run typecheck`.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'plans.list',
  'plans.get',
  'plans.create',
  'plans.save',
  'plans.rename',
  'plans.duplicate',
  'plans.delete',
  'plans.savePositions',
  'plans.import',
  'plans.export',
  'revisions.list',
  'revisions.save',
  'revisions.open',
  'revisions.restore',
  'files.saveText',
  'files.savePdf',
  'files.openText',
  'library.saveCopy',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Electron IPC channel name of an API channel (prefixed so it cannot meet Electron's own). */
export function ipcChannelName(channel: ChannelName): string {
  return `peerplan:${channel}`;
}

/**
 * Menu items that act in the renderer: the shell sends the command, `onMenuCommand` delivers it,
 * and the renderer runs its command of the same name (File > Import plan… opens the renderer's
 * file picker, which Electron shows as the native open dialog).
 */
export type MenuCommand =
  | 'new-plan'
  | 'import'
  | 'export'
  | 'print'
  | 'history'
  | 'save-revision'
  | 'undo'
  | 'redo'
  | 'fit'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'toggle-theme';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new-plan',
  'import',
  'export',
  'print',
  'history',
  'save-revision',
  'undo',
  'redo',
  'fit',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'toggle-theme',
];

export const MENU_EVENT_CHANNEL = 'peerplan:menu';
/** The shell opened a plan file (double-click, command line, Open Recent): the plan's library ID. */
export const OPEN_PLAN_EVENT_CHANNEL = 'peerplan:open-plan';
