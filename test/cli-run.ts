/**
 * Runs `npm run db -- <args>` as a maintainer does (vite-node + src-main/cli/index.ts) in a child
 * process. Asynchronous: a blocking spawnSync would starve the test worker's own messaging.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const viteNodePackage = join(root, 'node_modules', 'vite-node');
const viteNodeBin = join(
  viteNodePackage,
  (JSON.parse(readFileSync(join(viteNodePackage, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['vite-node'] as string,
);

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runDb(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteNodeBin, 'src-main/cli/index.ts', '--', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
