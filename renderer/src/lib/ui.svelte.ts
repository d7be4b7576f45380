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
  | { readonly kind: 'save-revision' }
  | { readonly kind: 'delete-peering'; readonly peering: string }
  | { readonly kind: 'delete-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'rename-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'duplicate-plan'; readonly plan: string; readonly name: string }
  | { readonly kind: 'new-plan' }
  | { readonly kind: 'import-error'; readonly message: string };

const THEME_KEY = 'peerplan.theme';

export class UiState {
  theme = $state<ThemeChoice>('system');
  systemDark = $state(false);
  dialog = $state.raw<Dialog | null>(null);
  /** Connect mode: the next two VPC clicks on the canvas pick the requester and the accepter. */
  connecting = $state<{ requester: string | null } | null>(null);
  searchOpen = $state(false);
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
