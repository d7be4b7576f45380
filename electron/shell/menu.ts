/**
 * The application menu as a template (plain data, unit-tested): items that act on the plan send
 * a menu command to the renderer; "Save a copy of the library…" is done by the main process.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

export interface MenuActions {
  readonly send: (command: MenuCommand) => void;
  readonly saveLibraryCopy: () => void;
  readonly isMac: boolean;
  /** Developer tools only in development builds. */
  readonly devTools: boolean;
  /** File › Open Recent: plan files opened from outside the window, the newest first. */
  readonly recentFiles?: readonly string[];
  readonly openRecent?: (path: string) => void;
  readonly clearRecent?: () => void;
  /** Help › Install the peerplan command (an AppImage, which has no install scripts). */
  readonly installCommand?: () => void;
}

function openRecentMenu(actions: MenuActions): MenuItemConstructorOptions {
  const recent = actions.recentFiles ?? [];
  return {
    label: 'Open Recent',
    submenu:
      recent.length === 0
        ? [{ label: 'No recent plan files', enabled: false }]
        : [
            ...recent.map((path): MenuItemConstructorOptions => ({
              label: path,
              click: () => actions.openRecent?.(path),
            })),
            { type: 'separator' },
            { label: 'Clear Recently Opened', click: () => actions.clearRecent?.() },
          ],
  };
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(name),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        command('New plan', 'new-plan', 'CmdOrCtrl+N'),
        command('Import plan…', 'import', 'CmdOrCtrl+O'),
        openRecentMenu(actions),
        command('Export…', 'export', 'CmdOrCtrl+E'),
        command('Print…', 'print', 'CmdOrCtrl+P'),
        { type: 'separator' },
        command('History', 'history', 'CmdOrCtrl+Shift+H'),
        { type: 'separator' },
        command('Save revision', 'save-revision', 'CmdOrCtrl+S'),
        { label: 'Save a copy of the library…', click: () => actions.saveLibraryCopy() },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo', 'CmdOrCtrl+Z'),
        command('Redo', 'redo', actions.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Fit', 'fit', 'CmdOrCtrl+1'),
        command('Zoom in', 'zoom-in', 'CmdOrCtrl+='),
        command('Zoom out', 'zoom-out', 'CmdOrCtrl+-'),
        command('Actual size', 'zoom-reset', 'CmdOrCtrl+0'),
        { type: 'separator' },
        command('Theme: light / dark', 'toggle-theme', 'CmdOrCtrl+Shift+T'),
        ...(actions.devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
  );
  if (actions.installCommand) {
    const install = actions.installCommand;
    template.push({
      label: 'Help',
      submenu: [{ label: 'Install the peerplan command', click: () => install() }],
    });
  }
  return template;
}
