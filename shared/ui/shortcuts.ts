/**
 * Every keyboard shortcut, in one table: the Electron menu takes its accelerators from it, the
 * renderer matches key presses against it (so the browser build has the same keys), and the `?`
 * sheet lists it. To add a command's key, add a row here (and the command to COMMAND_NAMES).
 *
 * Keys are written as Electron accelerators (`CmdOrCtrl+Shift+Z`): CmdOrCtrl is Command on macOS
 * and Control elsewhere; the renderer accepts either.
 */

/** Every command the toolbar, the keyboard and the menu can run (the renderer's Commands). */
export const COMMAND_NAMES = [
  'new-plan',
  'add-vpc',
  'connect',
  'undo',
  'redo',
  'auto-layout',
  'fit',
  'save-revision',
  'import',
  'export',
  'print',
  'history',
  'delete',
  'find',
  'escape',
  'toggle-theme',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'shortcuts',
  'focus-canvas',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export type ShortcutGroup = 'File' | 'Edit' | 'View' | 'Canvas';

export interface Shortcut {
  readonly group: ShortcutGroup;
  /** What the key does, for the sheet. */
  readonly label: string;
  /** The first is the one menus show; the others work too. */
  readonly keys: readonly string[];
  /**
   * The command run, or null for keys the focused canvas handles itself (listed for the sheet).
   */
  readonly command: CommandName | null;
  /** Also while typing in a text field (Ctrl+S saves from anywhere; Delete edits the text). */
  readonly inFields?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { group: 'File', label: 'New plan', keys: ['CmdOrCtrl+N', 'Alt+N'], command: 'new-plan', inFields: true },
  { group: 'File', label: 'Import a plan file', keys: ['CmdOrCtrl+O'], command: 'import', inFields: true },
  { group: 'File', label: 'Export…', keys: ['CmdOrCtrl+E'], command: 'export', inFields: true },
  { group: 'File', label: 'Print the review', keys: ['CmdOrCtrl+P'], command: 'print', inFields: true },
  { group: 'File', label: 'History', keys: ['CmdOrCtrl+Shift+H'], command: 'history', inFields: true },
  { group: 'File', label: 'Save revision', keys: ['CmdOrCtrl+S'], command: 'save-revision', inFields: true },
  { group: 'Edit', label: 'Undo', keys: ['CmdOrCtrl+Z'], command: 'undo' },
  { group: 'Edit', label: 'Redo', keys: ['CmdOrCtrl+Y', 'CmdOrCtrl+Shift+Z'], command: 'redo' },
  { group: 'Edit', label: 'Add VPC', keys: ['A'], command: 'add-vpc' },
  {
    group: 'Edit',
    label: 'Delete the selection (Undo brings it back)',
    keys: ['Delete', 'Backspace'],
    command: 'delete',
  },
  { group: 'Edit', label: 'Find in plan', keys: ['CmdOrCtrl+F'], command: 'find', inFields: true },
  { group: 'Edit', label: 'Cancel, clear the selection', keys: ['Escape'], command: 'escape' },
  { group: 'View', label: 'Fit the whole plan', keys: ['CmdOrCtrl+1'], command: 'fit', inFields: true },
  {
    group: 'View',
    label: 'Zoom in',
    keys: ['CmdOrCtrl+=', 'CmdOrCtrl+Plus'],
    command: 'zoom-in',
    inFields: true,
  },
  { group: 'View', label: 'Zoom out', keys: ['CmdOrCtrl+-'], command: 'zoom-out', inFields: true },
  { group: 'View', label: 'Actual size', keys: ['CmdOrCtrl+0'], command: 'zoom-reset', inFields: true },
  { group: 'View', label: 'Auto layout', keys: ['L'], command: 'auto-layout' },
  {
    group: 'View',
    label: 'Theme: light / dark',
    keys: ['CmdOrCtrl+Shift+T'],
    command: 'toggle-theme',
    inFields: true,
  },
  { group: 'View', label: 'Go to the canvas', keys: ['G'], command: 'focus-canvas' },
  { group: 'View', label: 'Keyboard shortcuts', keys: ['?'], command: 'shortcuts' },
  { group: 'Canvas', label: 'Select the nearest VPC in that direction', keys: ['Arrows'], command: null },
  { group: 'Canvas', label: 'Open the selection in the inspector', keys: ['Enter'], command: null },
  {
    group: 'Canvas',
    label: 'Connect from the selected VPC (arrows pick the other end, Enter confirms)',
    keys: ['C'],
    command: 'connect',
  },
  { group: 'Canvas', label: 'Zoom in / out', keys: ['+', '-'], command: null },
];

/** The key press as the matcher needs it (a KeyboardEvent fits). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface ParsedKey {
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  /** Lower case; `+` for Plus. */
  readonly key: string;
}

function parseAccelerator(accelerator: string): ParsedKey {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" and a bare "+" both mean the plus key.
  const last = parts.at(-1) === '' ? '+' : parts.at(-1)!;
  const modifiers = new Set(parts.slice(0, -1).map((p) => p.toLowerCase()));
  return {
    mod: modifiers.has('cmdorctrl'),
    shift: modifiers.has('shift'),
    alt: modifiers.has('alt'),
    key: last === 'Plus' ? '+' : last.toLowerCase(),
  };
}

/** The shortcut a key press means, if any. `inField`: the focus is in a text field. */
export function matchShortcut(press: KeyPress, inField: boolean): Shortcut | null {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  for (const shortcut of SHORTCUTS) {
    if (shortcut.command === null || (inField && !shortcut.inFields)) continue;
    for (const accelerator of shortcut.keys) {
      const want = parseAccelerator(accelerator);
      if (want.mod !== mod || want.alt !== press.altKey) continue;
      // A symbol such as ? or + is typed with Shift on many layouts: Shift is part of the key.
      const symbol = want.key.length === 1 && !/[a-z0-9]/.test(want.key);
      if (!symbol && want.shift !== press.shiftKey) continue;
      // Alt changes the character typed on macOS (Alt+N is ˜): compare the key's letter then.
      if (key === want.key || (want.alt && press.key.length === 1 && altLetter(press, want.key)))
        return shortcut;
    }
  }
  return null;
}

function altLetter(press: KeyPress, letter: string): boolean {
  const code = (press as KeyPress & { code?: string }).code;
  return code === `Key${letter.toUpperCase()}`;
}

/** The accelerator the Electron menu shows for a command (its first key). */
export function menuAccelerator(command: CommandName): string | undefined {
  return SHORTCUTS.find((s) => s.command === command)?.keys[0];
}

/** A key for people: `Ctrl+Shift+Z`, or `⌘⇧Z` on macOS. */
export function displayKey(accelerator: string, mac: boolean): string {
  if (accelerator.length === 1) return accelerator;
  const parts = accelerator.split('+');
  const last = parts.at(-1) === '' ? '+' : parts.at(-1)!;
  const modifiers = parts.slice(0, -1);
  if (mac) {
    const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥' };
    return modifiers.map((m) => symbols[m] ?? m).join('') + (last === 'Plus' ? '+' : last);
  }
  return [...modifiers.map((m) => (m === 'CmdOrCtrl' ? 'Ctrl' : m)), last].join('+');
}
