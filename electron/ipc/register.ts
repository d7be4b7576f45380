/**
 * Registers the handler table on Electron's ipcMain through one wrapper: the sender must be the
 * app's own top-level frame (served from `peerplan://app/`), and the payload goes through
 * `dispatch` (schema check, `{ ok, value | error }` answer). A frame from anywhere else (an
 * injected iframe, a page navigated away) gets a refusal, never a handler.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { ApiResult, Handlers } from '../../shared/ipc/contract';
import { CHANNELS, ipcChannelName } from '../../shared/ipc/contract';
import { dispatch } from './dispatch';

export const APP_ORIGIN = 'peerplan://app';

/** True for a URL of the app itself (scheme and host exact, so `peerplan://app.evil/` is not it). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'peerplan:' && parsed.host === 'app';
  } catch {
    return false;
  }
}

interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** The part of ipcMain the wrapper needs (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
}

/** Answers one checked call; by default the handler table through `dispatch`. */
export type IpcRoute = (channel: string, payload: unknown) => Promise<ApiResult<unknown>>;

/**
 * `route` lets the main process send a call elsewhere after the sender check: the library's
 * channels go to its worker thread, which checks the payload and answers there
 * (electron/store/worker-client.ts).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  route: IpcRoute = (channel, payload) => dispatch(handlers, channel, payload),
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), async (event, payload): Promise<ApiResult<unknown>> => {
      const frame = event.senderFrame as SenderFrame | null;
      if (!isTrustedSender(frame)) {
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message: `${channel}: refused a call from ${frame?.url ?? 'an unknown frame'}`,
          },
        };
      }
      return route(channel, payload);
    });
  }
}
