// End-to-end runs: the same specs in two projects (see ARCHITECTURE.md, "Testing").
// - harness:  the real renderer build in Chromium; runs everywhere.
// - electron: the built app through `_electron.launch`; skips with a visible reason where the
//             Electron binary is not installed.
// Build first (`npm run test:e2e` does: electron-vite build && playwright test).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { MimirWorkerOptions } from './e2e/fixtures';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export default defineConfig<object, MimirWorkerOptions>({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./e2e/skip-reasons-reporter.ts']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  projects: [
    {
      name: 'harness',
      use: {
        target: 'harness',
        browserName: 'chromium',
        launchOptions: {
          // Debian's Chromium where installed (Playwright cannot download browsers here);
          // otherwise Playwright's own build, if `npx playwright install chromium` was run.
          ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      use: { target: 'electron' },
    },
  ],
});
