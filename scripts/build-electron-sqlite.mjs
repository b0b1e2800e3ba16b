// postinstall: builds a second copy of better-sqlite3's native addon for Electron's ABI.
//
// node_modules/better-sqlite3/build stays the Node build (tests, CLI, benchmarks run under Node).
// The Electron build goes to native/electron/better_sqlite3.node (gitignored); the app passes it
// to better-sqlite3 as `nativeBinding` (see src-main/native-binding.ts).
//
// Never fails the install. Skips with a one-line message when:
//   - MIMIR_SKIP_ELECTRON_NATIVE=1,
//   - node_modules/electron is not installed,
//   - native/electron already holds a build for the installed Electron and better-sqlite3,
//   - the Electron headers cannot be fetched (offline / registry-only network).
// MIMIR_ELECTRON_HEADERS_URL replaces https://electronjs.org/headers (e.g. a local mirror).
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const PREFIX = 'electron-sqlite:';
// Where node-gyp downloads Electron's headers; overridable for a local mirror.
const HEADERS_URL = (process.env.MIMIR_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers').replace(/\/+$/, '');
const NOT_FATAL = 'the app needs this build, tests and the CLI do not';
const PROBE_TIMEOUT_MS = 5000;

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'native', 'electron');
const outBinary = join(outDir, 'better_sqlite3.node');
const outInfo = join(outDir, 'build-info.json');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function skip(reason, consequence) {
  console.log(`${PREFIX} skipped (${reason})${consequence ? `; ${consequence}` : ''}`);
  process.exit(0);
}

/** Resolves npm's bundled node-gyp: npm sets npm_config_node_gyp for lifecycle scripts. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  const npmDirs = [
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'),
    join(dirname(process.execPath), 'node_modules', 'npm'),
  ];
  for (const dir of npmDirs) {
    try {
      candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js', { paths: [dir] }));
    } catch {
      // not there
    }
  }
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a local dependency
  }
  return candidates.find((file) => typeof file === 'string' && file.length > 0 && existsSync(file));
}

async function probeHeaders(version) {
  const url = `${HEADERS_URL}/v${version}/SHASUMS256.txt`;
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok ? undefined : `HTTP ${response.status} from ${url}`;
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.name ?? 'error';
    return `${cause} for ${url}`;
  }
}

async function main() {
  if (process.env.MIMIR_SKIP_ELECTRON_NATIVE === '1') skip('MIMIR_SKIP_ELECTRON_NATIVE=1');

  const electronPkg = readJson(join(root, 'node_modules', 'electron', 'package.json'));
  if (!electronPkg?.version) skip('node_modules/electron is not installed');
  const electronVersion = electronPkg.version;

  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const sqlitePkg = readJson(join(sqliteDir, 'package.json'));
  if (!sqlitePkg?.version) skip('node_modules/better-sqlite3 is not installed');
  const betterSqlite3Version = sqlitePkg.version;

  const info = readJson(outInfo);
  if (
    existsSync(outBinary) &&
    info?.electronVersion === electronVersion &&
    info?.betterSqlite3Version === betterSqlite3Version &&
    info?.platform === process.platform &&
    info?.arch === process.arch
  ) {
    skip(`native/electron is up to date for Electron ${electronVersion}`);
  }

  const unreachable = await probeHeaders(electronVersion);
  if (unreachable) {
    skip(`Electron headers unreachable: ${unreachable}`, NOT_FATAL);
  }

  const nodeGyp = findNodeGyp();
  if (!nodeGyp) skip('node-gyp not found; set npm_config_node_gyp', NOT_FATAL);

  console.log(`${PREFIX} building better-sqlite3 ${betterSqlite3Version} for Electron ${electronVersion} (about a minute)…`);
  const work = mkdtempSync(join(tmpdir(), 'mimir-electron-sqlite-'));
  try {
    for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
      cpSync(join(sqliteDir, entry), join(work, entry), { recursive: true });
    }
    const result = spawnSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--dist-url=${HEADERS_URL}`,
        '--runtime=electron',
        `--arch=${process.arch}`,
        '--jobs=max',
      ],
      { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } },
    );
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) {
      const why = result.error ? result.error.message : `node-gyp exited with ${result.status ?? result.signal}`;
      console.warn(`${PREFIX} build failed (${why}); ${NOT_FATAL}. Retry with: node scripts/build-electron-sqlite.mjs`);
      return;
    }
    mkdirSync(outDir, { recursive: true });
    rmSync(outInfo, { force: true });
    cpSync(built, `${outBinary}.tmp`);
    renameSync(`${outBinary}.tmp`, outBinary);
    writeFileSync(
      outInfo,
      `${JSON.stringify(
        {
          electronVersion,
          builtAt: new Date().toISOString(),
          betterSqlite3Version,
          platform: process.platform,
          arch: process.arch,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`${PREFIX} built native/electron/better_sqlite3.node for Electron ${electronVersion}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.warn(`${PREFIX} skipped (unexpected error: ${error?.message ?? error}); ${NOT_FATAL}`);
  process.exit(0);
});
