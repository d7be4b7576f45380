/**
 * The renderer's one way to the Node side. In Electron the preload exposes `window.peerplan`
 * (one function per channel); in the browser build the same calls go to the loopback server as
 * `POST /api/<channel>` carrying the per-run secret, which the printed URL holds in its fragment
 * (`#token=…`): it is read once, kept in sessionStorage, and removed from the address bar.
 */
// The names only (not the contract's schemas, which would bring zod into the main chunk).
import { CHANNEL_NAMES as CHANNELS } from '../../../shared/ipc/channel-names';
import type { Api, ApiResult, Channel, MenuCommand, PeerplanBridge } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    peerplan?: PeerplanBridge;
  }
}

const TOKEN_KEY = 'peerplan.token';
const TOKEN_HEADER = 'X-Peerplan-Token';

/** Takes the secret from `#token=…` (then drops it from the URL), else from sessionStorage. */
function loopbackToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]!);
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage refused (private mode): the token still works for this page.
    }
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function bridgeFailure(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'BRIDGE', message } };
}

function createLoopbackApi(): Api {
  const token = loopbackToken();
  const call = async (channel: Channel, request: unknown): Promise<ApiResult<unknown>> => {
    if (!token) {
      return bridgeFailure(
        'This page was opened without its secret: open the URL that `npm run serve` printed.',
      );
    }
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request ?? {}),
      });
    } catch (error) {
      return bridgeFailure(
        `The Peerplan server cannot be reached (${String(error)}). Is \`npm run serve\` still running?`,
      );
    }
    try {
      return (await response.json()) as ApiResult<unknown>;
    } catch {
      return bridgeFailure(`The Peerplan server answered ${response.status} without a result.`);
    }
  };
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, (request: unknown) => call(channel, request)]),
  ) as Api;
}

export const api: Api = window.peerplan ?? createLoopbackApi();

/** True in the desktop app (native dialogs, menus); false in the browser build. */
export const isDesktop = window.peerplan !== undefined;

/**
 * Subscribes to the shell's menu commands; returns the unsubscribe function. The browser build has
 * no native menus, so nothing arrives there (its toolbar and shortcuts do the same work).
 */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.peerplan?.onMenuCommand(listener) ?? (() => {});
}

/** Subscribes to plans the shell opened (a plan file double-clicked, File › Open Recent). */
export function onOpenPlan(listener: (planId: string) => void): () => void {
  return window.peerplan?.onOpenPlan(listener) ?? (() => {});
}
