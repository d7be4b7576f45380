/**
 * View state that is not part of the plan: theme, which dialog is open, the connect mode.
 */
import { BottomPanelState } from './bottom-panel.svelte';

export type ThemeChoice = 'system' | 'light' | 'dark';

export type Dialog =
  | { readonly kind: 'add-vpc' }
  | { readonly kind: 'add-subnet'; readonly vpc: string }
  | { readonly kind: 'connect'; readonly requester?: string; readonly accepter?: string }
  | { readonly kind: 'add-account' }
  | { readonly kind: 'add-ccn' }
  | { readonly kind: 'attach-vpc'; readonly ccn: string }
  | { readonly kind: 'save-revision' }
  | { readonly kind: 'delete-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'rename-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'duplicate-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'new-plan' }
  | { readonly kind: 'import-error'; readonly message: string }
  | { readonly kind: 'shortcuts' };

const THEME_KEY = 'peerplan.theme';
const SIDE_PANELS_KEY = 'peerplan.sidePanels';

/** The side panels' widths and folds (remembered); a narrow first window starts with the plans folded. */
interface SidePanels {
  sidebarWidth: number;
  sidebarCollapsed: boolean;
  inspectorWidth: number;
  inspectorCollapsed: boolean;
}

function savedSidePanels(): SidePanels {
  const narrow = (globalThis.innerWidth ?? 1440) < 1200;
  const defaults: SidePanels = {
    sidebarWidth: 230,
    sidebarCollapsed: narrow,
    inspectorWidth: narrow ? 280 : 320,
    inspectorCollapsed: false,
  };
  try {
    const saved = JSON.parse(
      globalThis.localStorage?.getItem(SIDE_PANELS_KEY) ?? 'null',
    ) as Partial<SidePanels> | null;
    if (!saved || typeof saved !== 'object') return defaults;
    const width = (value: unknown, fallback: number): number =>
      typeof value === 'number' && Number.isFinite(value) ? Math.min(700, Math.max(160, value)) : fallback;
    return {
      sidebarWidth: width(saved.sidebarWidth, defaults.sidebarWidth),
      sidebarCollapsed:
        typeof saved.sidebarCollapsed === 'boolean' ? saved.sidebarCollapsed : defaults.sidebarCollapsed,
      inspectorWidth: width(saved.inspectorWidth, defaults.inspectorWidth),
      inspectorCollapsed:
        typeof saved.inspectorCollapsed === 'boolean'
          ? saved.inspectorCollapsed
          : defaults.inspectorCollapsed,
    };
  } catch {
    return defaults;
  }
}

export class UiState {
  theme = $state<ThemeChoice>('system');
  systemDark = $state(false);
  dialog = $state.raw<Dialog | null>(null);
  /** Connect mode: the next two VPC clicks on the canvas pick the requester and the accepter. */
  connecting = $state<{ requester: string | null } | null>(null);
  searchOpen = $state(false);
  /** The side panels (see SidePanel.svelte): widths in px and folds, saved on change. */
  sidePanels = $state<SidePanels>(savedSidePanels());
  /** The analysis panel under the canvas: its tab, height and collapsed state. */
  readonly bottomPanel = new BottomPanelState();

  readonly dark = $derived(this.theme === 'dark' || (this.theme === 'system' && this.systemDark));

  constructor() {
    const saved = globalThis.localStorage?.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.theme = saved;
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (query) {
      this.systemDark = query.matches;
      query.addEventListener('change', (event) => (this.systemDark = event.matches));
    }
  }

  /** Remembers the side panels' widths and folds for the next run. */
  saveSidePanels(): void {
    globalThis.localStorage?.setItem(SIDE_PANELS_KEY, JSON.stringify(this.sidePanels));
  }

  /** System → light → dark → system. */
  cycleTheme(): void {
    this.theme =
      this.theme === 'system'
        ? this.systemDark
          ? 'light'
          : 'dark'
        : this.theme === 'light'
          ? 'dark'
          : 'system';
    globalThis.localStorage?.setItem(THEME_KEY, this.theme);
  }
}
