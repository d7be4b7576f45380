/**
 * The bottom panel's view state: which analysis tab is shown, how tall the panel is and whether
 * it is collapsed. Not part of the plan: it is remembered per user in the browser's (or the
 * Electron window's) localStorage under `peerplan.bottomPanel`, so it survives a reload and
 * applies to every plan.
 */

export const BOTTOM_TABS = ['findings', 'routes', 'reachability', 'costs', 'traffic'] as const;
export type BottomTab = (typeof BOTTOM_TABS)[number];

/** The accessible name of each tab: a contract (tests find the tabs by these names). */
export const BOTTOM_TAB_NAMES: Readonly<Record<BottomTab, string>> = {
  findings: 'Findings',
  routes: 'Routes',
  reachability: 'Reachability',
  costs: 'Costs',
  traffic: 'Traffic',
};

export const PANEL_STORAGE_KEY = 'peerplan.bottomPanel';
export const PANEL_MIN_HEIGHT = 120;
export const PANEL_DEFAULT_HEIGHT = 240;
/** The panel never takes more than this share of the window: the canvas stays usable. */
export const PANEL_MAX_SHARE = 0.7;

interface StoredPanel {
  readonly tab: BottomTab;
  readonly height: number;
  readonly collapsed: boolean;
}

function isBottomTab(value: unknown): value is BottomTab {
  return typeof value === 'string' && (BOTTOM_TABS as readonly string[]).includes(value);
}

/** What was stored, each field checked on its own: a damaged entry never breaks the panel. */
function readStored(): Partial<StoredPanel> {
  try {
    const text = globalThis.localStorage?.getItem(PANEL_STORAGE_KEY);
    if (!text) return {};
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return {};
    const record = value as Record<string, unknown>;
    return {
      ...(isBottomTab(record.tab) ? { tab: record.tab } : {}),
      ...(typeof record.height === 'number' && Number.isFinite(record.height)
        ? { height: record.height }
        : {}),
      ...(typeof record.collapsed === 'boolean' ? { collapsed: record.collapsed } : {}),
    };
  } catch {
    return {};
  }
}

export class BottomPanelState {
  tab = $state<BottomTab>('findings');
  height = $state(PANEL_DEFAULT_HEIGHT);
  collapsed = $state(false);

  constructor() {
    const stored = readStored();
    if (stored.tab) this.tab = stored.tab;
    if (stored.height !== undefined) this.height = Math.max(PANEL_MIN_HEIGHT, Math.round(stored.height));
    if (stored.collapsed !== undefined) this.collapsed = stored.collapsed;
  }

  /** Shows a tab (expanding the panel if it was collapsed). */
  show(tab: BottomTab): void {
    this.tab = tab;
    this.collapsed = false;
    this.save();
  }

  toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    this.save();
  }

  /** Sets the height, kept between the minimum and `maxHeight` (the window's share). */
  resize(height: number, maxHeight: number): void {
    const limit = Math.max(PANEL_MIN_HEIGHT, Math.round(maxHeight));
    this.height = Math.min(limit, Math.max(PANEL_MIN_HEIGHT, Math.round(height)));
    this.collapsed = false;
    this.save();
  }

  private save(): void {
    const stored: StoredPanel = { tab: this.tab, height: this.height, collapsed: this.collapsed };
    try {
      globalThis.localStorage?.setItem(PANEL_STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the panel still works, it is just not remembered.
    }
  }
}
