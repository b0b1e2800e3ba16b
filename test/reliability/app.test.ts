/**
 * The app's side: the database host (the built worker threads the app starts) on a restored
 * backup beside a stale -wal and on a damaged catalog ("Restore the newest backup", then start
 * again), and every refusal of this suite reaching an IPC caller as the documented envelope
 * `{ ok: false, error: { code, message, details } }` over the IPC test transport.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CatalogError, isAppError, type AppError, type ErrorCode } from '../../src-shared/errors';
import { tempDir } from '../helpers';
import { listBackups } from '../../src-main/db/backup';
import { openCatalog } from '../../src-main/db/startup';
import { startDatabaseHost } from '../../src-main/db-host/host';
import { createTestTransport } from '../ipc-transport';
import { describeStartupFailure, restoreNewestBackup } from '../../src-main/startup-failure';
import { chattr, chattrUnsupported, contentOf, fillDisk, mountTmpfs, mountUnsupported, record, writeOutcomes } from './harness';
import { copyCatalog, crashAfterCommit, foreignSqliteFile, populatedCatalog, rolledBackTo, spellData } from './fixtures';
import { latestVersion as LATEST } from '../../src-main/db/migrations';

writeOutcomes('app');

const WORKER = inject('dbWorkerPath');
const data = spellData(join(tempDir(), 'data'), 300);
const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), data);
const baseV6 = rolledBackTo(copyCatalog(base, tempDir()), 6);

/**
 * A catalog whose last page in use is overwritten: SQLite opens it, quick_check reports the
 * damage. Not simply the file's last page: after a rollback dropped tables (the search index)
 * and a migration filled the file again, that page can be on the freelist, where no check can
 * see damage and the catalog is as good as before.
 */
function damage(file: string): void {
  const sqlite = new Database(file, { readonly: true });
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const lastUsed = sqlite.prepare('SELECT max(pageno) FROM dbstat').pluck().get() as number;
  sqlite.close();
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (lastUsed - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** A catalog migrated from version 6, so it has one verified automatic backup. */
function withBackup(): { file: string; backup: string } {
  const file = copyCatalog(baseV6, tempDir());
  const { connection } = openCatalog(file);
  connection.close();
  const backup = listBackups(file)[0];
  if (!backup) throw new Error('no backup');
  return { file, backup };
}

describe('app startup (database host)', () => {
  it('a backup copied over a crashed catalog starts: the stale -wal is moved aside first', async () => {
    const { file, backup } = withBackup();
    crashAfterCommit(file);
    copyFileSync(backup, file);
    const host = await startDatabaseHost({ file, workerPath: WORKER });
    try {
      expect(host.startup).toMatchObject({ ok: true, fromVersion: 6, toVersion: LATEST });
    } finally {
      await host.close();
    }
    expect(contentOf(file).counts.spells).toBe(contentOf(backup).counts.spells);
    record({
      case: 'app start on a backup copied over a crashed catalog',
      done: 'crash leaves a -wal; backup copied over the file; startDatabaseHost',
      result: `starts; the -wal is moved aside before SQLite sees it; catalog = backup migrated 6 → ${LATEST}`,
    });
  });

  it('a damaged catalog: Corrupt, the dialog offers the newest verified backup, restoring it lets the app start', async () => {
    const { file, backup } = withBackup();
    damage(file);
    const failure = await startDatabaseHost({ file, workerPath: WORKER }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CatalogError);
    const error = (failure as CatalogError).error;
    expect(error.code).toBe('Corrupt');
    const dialog = describeStartupFailure(error, file);
    expect(dialog.restorable?.file).toBe(backup);
    expect(dialog.detail).toMatch(/Restore the newest backup/);
    const restored = restoreNewestBackup(file);
    expect(restored.ok).toBe(true);
    const host = await startDatabaseHost({ file, workerPath: WORKER });
    try {
      expect(host.startup.ok).toBe(true);
      const count = await host.execute('spells:count', {});
      expect(count).toBe(contentOf(backup).counts.spells);
    } finally {
      await host.close();
    }
    record({
      case: 'app start on a damaged catalog',
      done: 'last page overwritten; startDatabaseHost; "Restore the newest backup"; start again',
      result: 'Corrupt; the dialog names the verified backup; restore keeps the damaged file aside; the app starts with the backup\'s rows',
    });
  });
});

/** The router's envelope for an error thrown by a handler, over the structured-clone transport. */
async function envelopeOf(produce: () => unknown): Promise<{ ok: boolean; error?: AppError }> {
  const transport = createTestTransport({
    database: (real) => async (channel, input) => (channel === 'db:status' ? produce() : real(channel, input)),
  });
  try {
    return (await transport.send('db:status', {})) as { ok: boolean; error?: AppError };
  } finally {
    transport.close();
  }
}

function thrown(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected a CatalogError');
}

describe('every refusal reaches an IPC caller as the documented envelope', () => {
  const cases: { code: ErrorCode; skip?: string; produce: () => CatalogError }[] = [
    { code: 'NotACatalog', produce: () => thrown(() => openCatalog(foreignSqliteFile(join(tempDir(), 'catalog.sqlite')))) },
    {
      code: 'Corrupt',
      produce: () => {
        const file = copyCatalog(base, tempDir());
        damage(file);
        return thrown(() => openCatalog(file));
      },
    },
    {
      code: 'BackupFailed',
      produce: () => {
        const dir = tempDir();
        const file = copyCatalog(baseV6, dir);
        writeFileSync(join(dir, 'backups'), 'not a folder');
        return thrown(() => openCatalog(file));
      },
    },
    {
      code: 'ReadOnly',
      ...(chattrUnsupported() ? { skip: chattrUnsupported() } : {}),
      produce: () => {
        const file = copyCatalog(base, tempDir());
        chattr('+i', file);
        try {
          return thrown(() => openCatalog(file));
        } finally {
          chattr('-i', file);
        }
      },
    },
    {
      code: 'ForeignSidecar',
      ...(chattrUnsupported() ? { skip: chattrUnsupported() } : {}),
      produce: () => {
        const dir = tempDir();
        const file = copyCatalog(listBackups(withBackup().file)[0] as string, dir);
        writeFileSync(`${file}-wal`, Buffer.alloc(8192, 1)); // beside a rollback-journal-mode backup
        chattr('+i', dir);
        try {
          return thrown(() => openCatalog(file));
        } finally {
          chattr('-i', dir);
        }
      },
    },
  ];

  for (const { code, skip, produce } of cases) {
    it.skipIf(skip)(`${code}${skip ? `: skipped, ${skip}` : ''}`, async () => {
      const error = produce();
      expect(error.code).toBe(code);
      const reply = await envelopeOf(() => {
        throw error;
      });
      expect(reply.ok).toBe(false);
      expect(isAppError(reply.error)).toBe(true);
      expect(reply.error).toEqual(error.error);
      expect(reply.error?.message.length).toBeGreaterThan(40);
      record({ case: `IPC envelope: ${code}`, done: 'produced by the real database core, thrown by a handler, sent over the test transport', result: `{ ok: false, error: { code: '${code}', … } } with the same message and details` });
    });
  }

  // The transport's catalog is opened in this process, where only a plainly mounted tmpfs is a
  // real small disk (SQLite would resolve a user namespace's /proc/<pid>/root path past it); the
  // page limit on the same connection stands in everywhere, with the same verdict.
  const noMount = mountUnsupported();
  for (const limit of ['tmpfs', 'page limit'] as const) {
    const skip = limit === 'tmpfs' ? noMount : undefined;
    it.skipIf(skip)(`DiskFull from a real import over IPC (${limit === 'tmpfs' ? 'tmpfs' : 'PRAGMA max_page_count'})${skip ? `: skipped, ${skip}` : ''}`, async () => {
      const disk = limit === 'tmpfs' ? mountTmpfs(16 * 1024 * 1024) : undefined;
      try {
        const big = spellData(join(tempDir(), 'big'), 3000);
        const dir = disk ? join(disk.dir, 'ipc') : tempDir();
        if (disk) mkdirSync(dir);
        const transport = createTestTransport({ dir });
        try {
          const before = contentOf(transport.file, ['import_log']);
          if (disk) fillDisk(disk.dir, 512 * 1024);
          else transport.connection.sqlite.pragma(`max_page_count = ${(transport.connection.sqlite.pragma('page_count', { simple: true }) as number) + 128}`);
          const reply = (await transport.send('import:5etools', { dataDir: big })) as { ok: boolean; error?: AppError };
          expect(reply.ok).toBe(false);
          expect(reply.error?.code).toBe('DiskFull');
          expect(isAppError(reply.error)).toBe(true);
          expect(contentOf(transport.file, ['import_log']).hash).toBe(before.hash);
          record({
            case: `IPC envelope: DiskFull (${limit})`,
            done: `import:5etools of 3,000 spells over the test transport, catalog ${disk ? 'on a full tmpfs' : 'limited to 512 KiB above its size (PRAGMA max_page_count)'}`,
            result: `{ ok: false, error: { code: 'DiskFull', message: "${reply.error?.message}" } }; every table unchanged`,
          });
        } finally {
          transport.close();
        }
      } finally {
        disk?.unmount();
      }
    });
  }
});
