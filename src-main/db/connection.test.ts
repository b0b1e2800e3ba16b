import { closeSync, copyFileSync, existsSync, openSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchError, fileHash, openMigrated, seedRuleSystemAndSource, sidecars, tempDir } from '../../test/helpers';
import { openConnection } from './connection';
import { toCatalogError } from './sqlite-errors';
import { openCatalog } from './startup';

/** A real catalog file (latest schema, a few rows), closed and checkpointed. */
function realCatalog(): string {
  const { catalog, connection, file } = openMigrated();
  seedRuleSystemAndSource(catalog);
  connection.close();
  expect(sidecars(file)).toEqual([]);
  return file;
}

function copyOf(file: string, name: string): string {
  const out = join(tempDir(), name);
  copyFileSync(file, out);
  return out;
}

describe('openConnection', () => {
  it('opens a new file in WAL mode with foreign keys on and removes the WAL on close', () => {
    const file = join(tempDir(), 'new.sqlite');
    const connection = openConnection(file);
    expect(connection.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(connection.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(connection.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    connection.sqlite.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    connection.close();
    connection.close(); // a second close is harmless
    expect(connection.sqlite.open).toBe(false);
    expect(sidecars(file)).toEqual([]);
  });

  it('honours busyTimeoutMs and fileMustExist', () => {
    const dir = tempDir();
    const connection = openConnection(join(dir, 'a.sqlite'), { busyTimeoutMs: 25 });
    expect(connection.sqlite.pragma('busy_timeout', { simple: true })).toBe(25);
    connection.close();
    const missing = join(dir, 'missing.sqlite');
    expect(() => openConnection(missing, { fileMustExist: true })).toThrow(
      expect.objectContaining({ code: 'NotFound', error: expect.objectContaining({ details: { entity: 'file', id: missing } }) }),
    );
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });

  it('read-only connections see the data, cannot write, and leave the file as it was', () => {
    const file = realCatalog();
    const before = fileHash(file);
    const connection = openConnection(file, { readonly: true });
    expect(connection.readonly).toBe(true);
    expect(connection.sqlite.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(2);
    // The mapping itself is tested in sqlite-errors.test.ts; here only that a write fails.
    catchError('ReadOnly', () => {
      try {
        connection.sqlite.exec("DELETE FROM sources WHERE id = 'PHB'");
      } catch (error) {
        throw toCatalogError(error);
      }
    });
    connection.close();
    expect(fileHash(file)).toBe(before);
  });
});

describe('a file that is not a usable catalog', () => {
  // Each case builds a damaged file; opening it must say Corrupt and leave it untouched.
  const cases: [string, () => string][] = [
    [
      'a text file',
      () => {
        const file = join(tempDir(), 'notes.sqlite');
        writeFileSync(file, 'These are my campaign notes, not a database.\n'.repeat(200));
        return file;
      },
    ],
    [
      'a catalog cut to a third of its size',
      () => {
        const file = copyOf(realCatalog(), 'third.sqlite');
        truncateSync(file, Math.floor(statSync(file).size / 3 / 4096) * 4096);
        return file;
      },
    ],
    [
      'a catalog cut inside its 100-byte header',
      () => {
        const file = copyOf(realCatalog(), 'header.sqlite');
        truncateSync(file, 60);
        return file;
      },
    ],
    [
      'a catalog with its header overwritten',
      () => {
        const file = copyOf(realCatalog(), 'garbled.sqlite');
        const bytes = Buffer.alloc(16, 0x41);
        const fd = openSync(file, 'r+');
        writeSync(fd, bytes, 0, bytes.length, 0);
        closeSync(fd);
        return file;
      },
    ],
  ];

  describe.each(cases)('%s', (_name, make) => {
    it('openConnection throws Corrupt naming the file, and leaves it byte-for-byte as it was', () => {
      const file = make();
      const before = fileHash(file);
      const error = catchError('Corrupt', () => openConnection(file));
      expect(error.details.file).toBe(file);
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/not been modified/);
      expect(fileHash(file)).toBe(before);
      // SQLite creates -wal/-shm while it reads a WAL-mode header; closing the failed handle
      // removes them again, so nothing is left beside the file.
      expect(sidecars(file)).toEqual([]);
    });

    it('openCatalog throws Corrupt, with and without migrating, and leaves it as it was', () => {
      const file = make();
      const before = fileHash(file);
      for (const migrate of [true, false]) {
        catchError('Corrupt', () => openCatalog(file, { migrate }));
        expect(fileHash(file)).toBe(before);
        expect(sidecars(file)).toEqual([]);
      }
      expect(existsSync(join(file, '..', 'backups'))).toBe(false);
    });

    it('a read-only open throws Corrupt too', () => {
      const file = make();
      const before = fileHash(file);
      catchError('Corrupt', () => openConnection(file, { readonly: true }));
      expect(fileHash(file)).toBe(before);
    });
  });

  it('a catalog with a damaged table page opens, but is caught by the startup page check', () => {
    const file = copyOf(realCatalog(), 'bad-page.sqlite');
    // Overwrite the body of the sources table's root page; page 1 (the schema) stays intact.
    const probe = openConnection(file, { readonly: true });
    const rootPage = probe.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'sources'").pluck().get() as number;
    const pageSize = probe.sqlite.pragma('page_size', { simple: true }) as number;
    probe.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize - 16, 0xee), 0, pageSize - 16, (rootPage - 1) * pageSize + 8);
    closeSync(fd);
    const before = fileHash(file);

    openConnection(file).close(); // header and schema are readable
    expect(fileHash(file)).toBe(before);
    const error = catchError('Corrupt', () => openCatalog(file));
    expect(error.details.file).toBe(file);
    expect(error.details.reason).not.toBe('not a database');
    expect(fileHash(file)).toBe(before);
    expect(sidecars(file)).toEqual([]);
  });

});
