/**
 * The preload (sandboxed, bundled as CommonJS): exposes `window.peerplan`, one function per API
 * channel plus the shell's two subscriptions, and nothing else: never ipcRenderer itself, so the
 * page can only make the calls of the contract. It bundles the channel names only
 * (shared/ipc/channel-names.ts), not the schemas: the main process checks every request anyway.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import {
  CHANNEL_NAMES,
  ipcChannelName,
  MENU_COMMANDS,
  MENU_EVENT_CHANNEL,
  OPEN_PLAN_EVENT_CHANNEL,
} from '../shared/ipc/channel-names';
import type { MenuCommand } from '../shared/ipc/channel-names';
import type { PeerplanBridge } from '../shared/ipc/contract';

const api = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(ipcChannelName(channel), request),
  ]),
);

function subscribe<T>(
  channel: string,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): () => void {
  const forward = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, forward);
  return () => ipcRenderer.removeListener(channel, forward);
}

const bridge = {
  ...api,
  onMenuCommand: (listener: (command: MenuCommand) => void) =>
    subscribe(
      MENU_EVENT_CHANNEL,
      (value): value is MenuCommand => MENU_COMMANDS.includes(value as MenuCommand),
      listener,
    ),
  onOpenPlan: (listener: (planId: string) => void) =>
    subscribe(
      OPEN_PLAN_EVENT_CHANNEL,
      (value): value is string => typeof value === 'string' && value.length > 0,
      listener,
    ),
} as PeerplanBridge;

contextBridge.exposeInMainWorld('peerplan', bridge);
