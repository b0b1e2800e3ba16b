/**
 * Who may call the catalog API: only the top frame of the app's own window, showing the app's own
 * renderer. A subframe, another window (or webContents), or a page that navigated elsewhere is
 * refused, even if it somehow reached the preload's API. No electron import: the Electron binding
 * (./electron-ipc.ts) and the end-to-end harness supply the facts, tests drive it directly.
 */
import type { Sender } from './router';

export interface SenderPolicyOptions {
  /** `webContents.id` of the app window, or undefined while there is none (nobody is trusted). */
  appWebContentsId(): number | undefined;
  /**
   * The URL the app window loads: a `file:` URL of out/renderer/index.html (compared by path,
   * ignoring query and fragment), or the dev server's URL (compared by origin, since the dev
   * server serves the renderer from any path).
   */
  rendererUrl: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Whether `frameUrl` is the app's renderer. */
export function isRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  const expected = parse(rendererUrl);
  const actual = parse(frameUrl);
  if (!expected || !actual) return false;
  if (expected.protocol === 'file:') {
    // Same file; `host` is empty for local files and set for UNC shares, so it is compared too.
    return actual.protocol === 'file:' && actual.host === expected.host && actual.pathname === expected.pathname;
  }
  // The scheme as well: a blob: URL carries the origin of the page that created it.
  return actual.protocol === expected.protocol && actual.origin === expected.origin;
}

export function createSenderPolicy(options: SenderPolicyOptions): (sender: Sender) => boolean {
  return (sender) => {
    const appId = options.appWebContentsId();
    return (
      appId !== undefined &&
      sender.webContentsId === appId &&
      sender.isMainFrame &&
      isRendererUrl(sender.frameUrl, options.rendererUrl)
    );
  };
}
