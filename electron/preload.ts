/**
 * The preload (sandboxed, bundled as CommonJS): exposes `window.peerplan`, one function per API
 * channel plus the menu subscription, and nothing else: never ipcRenderer itself, so the page
 * can only make the calls of the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { CHANNELS, ipcChannelName, MENU_COMMANDS, MENU_EVENT_CHANNEL } from '../shared/ipc/contract';
import type { MenuCommand, PeerplanBridge } from '../shared/ipc/contract';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(ipcChannelName(channel), request),
  ]),
);

const bridge = {
  ...api,
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_EVENT_CHANNEL, forward);
  },
} as PeerplanBridge;

contextBridge.exposeInMainWorld('peerplan', bridge);
