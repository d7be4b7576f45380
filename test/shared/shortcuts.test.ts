import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  displayKey,
  matchShortcut,
  menuAccelerator,
  SHORTCUTS,
} from '../../shared/ui/shortcuts';
import type { KeyPress } from '../../shared/ui/shortcuts';
import { buildMenuTemplate } from '../../electron/shell/menu';
import { MENU_COMMANDS } from '../../shared/ipc/contract';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the shortcut table', () => {
  it('matches the menu’s keys, with Ctrl or Cmd, and Shift where it counts', () => {
    expect(matchShortcut(press('n', { ctrlKey: true }), false)?.command).toBe('new-plan');
    expect(matchShortcut(press('e', { metaKey: true }), false)?.command).toBe('export');
    expect(matchShortcut(press('1', { ctrlKey: true }), false)?.command).toBe('fit');
    expect(matchShortcut(press('=', { ctrlKey: true }), false)?.command).toBe('zoom-in');
    expect(matchShortcut(press('+', { ctrlKey: true, shiftKey: true }), false)?.command).toBe('zoom-in');
    expect(matchShortcut(press('-', { ctrlKey: true }), false)?.command).toBe('zoom-out');
    expect(matchShortcut(press('z', { ctrlKey: true }), false)?.command).toBe('undo');
    expect(matchShortcut(press('Z', { ctrlKey: true, shiftKey: true }), false)?.command).toBe('redo');
    expect(matchShortcut(press('?', { shiftKey: true }), false)?.command).toBe('shortcuts');
    // Near misses: a plain N types a letter, Ctrl+Shift+N is not New plan, Alt+E is nothing.
    expect(matchShortcut(press('n'), false)).toBeNull();
    expect(matchShortcut(press('N', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(matchShortcut(press('e', { altKey: true }), false)).toBeNull();
  });

  it('leaves text fields their keys: Delete, Ctrl+Z and single letters edit the text, Ctrl+S still saves', () => {
    expect(matchShortcut(press('Delete'), true)).toBeNull();
    expect(matchShortcut(press('z', { ctrlKey: true }), true)).toBeNull();
    expect(matchShortcut(press('a'), true)).toBeNull();
    expect(matchShortcut(press('s', { ctrlKey: true }), true)?.command).toBe('save-revision');
    expect(matchShortcut(press('Delete'), false)?.command).toBe('delete');
  });

  it('the Electron menu shows the table’s keys for every menu command', () => {
    const template = buildMenuTemplate({
      send: () => {},
      saveLibraryCopy: () => {},
      isMac: false,
      devTools: false,
    });
    const items = template.flatMap(
      (menu) => (menu.submenu as { label?: string; accelerator?: string }[]) ?? [],
    );
    for (const command of MENU_COMMANDS) {
      expect(COMMAND_NAMES).toContain(command);
      const accelerator = menuAccelerator(command);
      expect(accelerator, command).toBeDefined();
      expect(items.some((item) => item.accelerator === accelerator)).toBe(true);
    }
  });

  it('every row has a key and a label; keys read as people write them', () => {
    for (const row of SHORTCUTS) {
      expect(row.keys.length).toBeGreaterThan(0);
      expect(row.label).not.toBe('');
    }
    expect(displayKey('CmdOrCtrl+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(displayKey('CmdOrCtrl+Shift+Z', true)).toBe('⌘⇧Z');
    expect(displayKey('?', false)).toBe('?');
  });
});
