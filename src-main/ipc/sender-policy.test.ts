import { describe, expect, it } from 'vitest';
import type { Sender } from './router';
import { createSenderPolicy, isRendererUrl } from './sender-policy';

const FILE_RENDERER = 'file:///opt/mimir/out/renderer/index.html';
const DEV_RENDERER = 'http://localhost:5173/';

describe('isRendererUrl', () => {
  const cases: [string, string, string, boolean][] = [
    ['the built renderer', FILE_RENDERER, FILE_RENDERER, true],
    ['the built renderer with a query and fragment', FILE_RENDERER, `${FILE_RENDERER}?tab=spells#fireball`, true],
    ['another file in the same folder', FILE_RENDERER, 'file:///opt/mimir/out/renderer/other.html', false],
    ['a file elsewhere', FILE_RENDERER, 'file:///tmp/index.html', false],
    ['the same path on a file share', FILE_RENDERER, 'file://evil-host/opt/mimir/out/renderer/index.html', false],
    ['an http page with the same path', FILE_RENDERER, 'http://localhost/opt/mimir/out/renderer/index.html', false],
    ['the dev server, any path', DEV_RENDERER, 'http://localhost:5173/src/main.html', true],
    ['the dev server on another port', DEV_RENDERER, 'http://localhost:5174/', false],
    ['the dev server host over https', DEV_RENDERER, 'https://localhost:5173/', false],
    ['a blob: URL created by the dev server page', DEV_RENDERER, 'blob:http://localhost:5173/0b6f2c1e', false],
    ['a data: URL', DEV_RENDERER, 'data:text/html,hi', false],
    ['about:blank', FILE_RENDERER, 'about:blank', false],
    ['an empty URL (frame gone)', FILE_RENDERER, '', false],
    ['garbage', FILE_RENDERER, 'not a url', false],
  ];
  it.each(cases)('%s', (_what, renderer, frame, expected) => {
    expect(isRendererUrl(frame, renderer)).toBe(expected);
  });
});

describe('createSenderPolicy', () => {
  const trusted: Sender = { frameUrl: FILE_RENDERER, isMainFrame: true, webContentsId: 3 };
  const policy = createSenderPolicy({ appWebContentsId: () => 3, rendererUrl: FILE_RENDERER });

  it('trusts the main frame of the app window showing the renderer', () => {
    expect(policy(trusted)).toBe(true);
  });

  it.each<[string, Partial<Sender>]>([
    ['another webContents', { webContentsId: 4 }],
    ['a subframe', { isMainFrame: false }],
    ['a foreign page', { frameUrl: 'https://example.com/' }],
  ])('refuses %s', (_what, change) => {
    expect(policy({ ...trusted, ...change })).toBe(false);
  });

  it('trusts nobody while there is no app window', () => {
    const noWindow = createSenderPolicy({ appWebContentsId: () => undefined, rendererUrl: FILE_RENDERER });
    expect(noWindow(trusted)).toBe(false);
  });
});
