/**
 * Binds the router to Electron: one `ipcMain.handle` per contract channel (never a catch-all),
 * each handing the router what Electron knows about the sender; and forwards the contract's
 * events to the app window only. Everything else (validation, the envelope) is the router's job.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, isEventName, type EventName } from '../../src-shared/channels';
import type { Router, Sender } from './router';

/** The facts about an invoke's sender, as the router's sender policy needs them. */
export function senderOf(event: IpcMainInvokeEvent): Sender {
  const webContentsId = event.sender.id;
  try {
    // null when the frame navigated away or was destroyed before the message was handled;
    // `detached` when it was replaced (an unload-time message of the previous page).
    const frame = event.senderFrame;
    if (!frame || frame.detached) return { frameUrl: '', isMainFrame: false, webContentsId };
    return {
      frameUrl: frame.url,
      isMainFrame: frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
      webContentsId,
    };
  } catch {
    // "Render frame was disposed before WebFrameMain could be accessed": not trusted.
    return { frameUrl: '', isMainFrame: false, webContentsId };
  }
}

/** Registers every channel of the contract; returns a function removing them again. */
export function bindIpc(ipcMain: IpcMain, router: Router): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => router.handle(channel, input, senderOf(event)));
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Pushes one contract event to the app window (dropped while there is none, or for an undeclared name). */
export function sendEvent(contents: WebContents | undefined, event: EventName, payload: unknown): void {
  if (!isEventName(event)) return;
  if (contents && !contents.isDestroyed()) contents.send(event, payload);
}
