import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { catchError, fileHash, openMigrated, seedRuleSystemAndSource, sidecars, tempDir } from '../../test/helpers';
import { backupBeforeMigration, listBackups } from './backup';
import { openConnection } from './connection';
import { isHotJournal, prepareForWrite, probeFile } from './probe';
import { listVerifiedBackups, restoreBackup, verifyBackup } from './restore';
import { openCatalog } from './startup';
import { latestVersion as LATEST } from './migrations';

function closedCatalog(dir = tempDir()): string {
  const { catalog, connection, file } = openMigrated(dir);
  seedRuleSystemAndSource(catalog);
  connection.close();
  return file;
}

/** A rollback-journal-mode copy, as VACUUM INTO writes it. */
function backupOf(file: string, dir = tempDir()): string {
  const out = join(dir, 'copy.sqlite');
  const db = new Database(file, { readonly: true });
  db.prepare('VACUUM INTO ?').run(out);
  db.close();
  return out;
}

describe('probeFile', () => {
  it('reads the header and sidecars with plain reads and creates nothing', () => {
    const file = closedCatalog();
    const probe = probeFile(file);
    expect(probe).toMatchObject({ state: 'sqlite', pageSize: 4096, walMode: true, sidecars: [], foreign: [] });
    expect(sidecars(file)).toEqual([]);
    const backup = backupOf(file);
    expect(probeFile(backup)).toMatchObject({ state: 'sqlite', walMode: false });
    expect(probeFile(join(tempDir(), 'absent.sqlite')).state).toBe('missing');
    const text = join(tempDir(), 'notes.sqlite');
    writeFileSync(text, 'x'.repeat(200));
    expect(probeFile(text).state).toBe('not-sqlite');
  });

  it('a -wal beside a rollback-journal-mode file is foreign; an empty -wal is not', () => {
    const backup = backupOf(closedCatalog());
    writeFileSync(`${backup}-wal`, '');
    expect(probeFile(backup).foreign).toEqual([]);
    writeFileSync(`${backup}-wal`, Buffer.alloc(4096, 1));
    expect(probeFile(backup).foreign[0]?.reason).toMatch(/rollback-journal mode/);
  });
});

describe('prepareForWrite', () => {
  it('moves a foreign -wal aside byte-identical and the file then opens unchanged', () => {
    const dir = tempDir();
    const backup = backupOf(closedCatalog(), dir);
    writeFileSync(`${backup}-wal`, Buffer.alloc(8192, 3));
    const walHash = fileHash(`${backup}-wal`);
    const { moved } = prepareForWrite(backup);
    expect(moved).toHaveLength(1);
    expect(existsSync(`${backup}-wal`)).toBe(false);
    expect(fileHash(moved[0]?.to as string)).toBe(walHash);
    expect(moved[0]?.to).toMatch(/copy\.sqlite-wal\.foreign-\d{8}T\d{9}Z$/);
  });

  it('refuses a file that is not SQLite as Corrupt and leaves it alone', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    writeFileSync(file, 'plain text '.repeat(50));
    const before = fileHash(file);
    catchError('Corrupt', () => prepareForWrite(file));
    expect(fileHash(file)).toBe(before);
    expect(sidecars(file)).toEqual([]);
  });
});

describe('a -wal with committed data', () => {
  /** A child process that commits a write to `file` without checkpointing and keeps its connection open. */
  function liveWriter(file: string): Promise<ChildProcess> {
    const binding = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, [
      '-e',
      `const D = require(${JSON.stringify(binding)}); const db = new D(${JSON.stringify(file)}); db.pragma('wal_autocheckpoint = 0');
       db.prepare("UPDATE rule_systems SET name = name || ' (live)'").run(); console.log('committed'); setInterval(() => {}, 1000);`,
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout.once('data', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`the writer exited (${code}): ${stderr}`)));
    });
  }

  it('is joined, not trial-replayed, while a connection has it open; replayed in a copy once that process is gone', async () => {
    const file = closedCatalog();
    const child = await liveWriter(file);
    try {
      expect(sidecars(file)).toEqual(['-wal', '-shm']);
      const live = prepareForWrite(file);
      expect(live).toMatchObject({ moved: [], sidecarCheck: 'live' });
      // A connection of this process counts as live too (the host's reader beside its writer).
      const own = openConnection(file);
      try {
        expect(prepareForWrite(file).sidecarCheck).toBe('live');
      } finally {
        own.close({ checkpoint: false });
      }
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Killed: the -wal is a crashed session's, judged in a copy (and kept: it is the file's own).
    const crashed = prepareForWrite(file);
    expect(crashed).toMatchObject({ moved: [], sidecarCheck: 'trial' });
    const { catalog, connection } = openCatalog(file);
    try {
      const names = catalog.ruleSystems.list({}).items.map((row) => row.name);
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((name) => name.endsWith(' (live)')), String(names)).toBe(true);
    } finally {
      connection.close();
    }
  });
});

describe('NotACatalog', () => {
  it("openCatalog refuses another application's SQLite file and leaves it byte-identical", () => {
    const file = join(tempDir(), 'catalog.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const before = fileHash(file);
    const error = catchError('NotACatalog', () => openCatalog(file));
    expect(error.details.reason).toMatch(/notes/);
    expect(fileHash(file)).toBe(before);
    expect(sidecars(file)).toEqual([]);
  });
});

describe('close', () => {
  it('reports a successful checkpoint, and never throws on a second call', () => {
    const file = join(tempDir(), 'a.sqlite');
    const connection = openConnection(file);
    connection.sqlite.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect(connection.close()).toEqual({ checkpointed: true });
    expect(connection.close()).toEqual({ checkpointed: true });
  });
});

describe('backups and restore', () => {
  it('listVerifiedBackups flags a file that does not verify; partial files are never listed', () => {
    const file = closedCatalog();
    const connection = openConnection(file, { readonly: true });
    const good = backupBeforeMigration(connection.sqlite, file, LATEST);
    connection.close();
    writeFileSync(good.replace(/Z\.v/, 'Z-9.v'), 'truncated');
    writeFileSync(`${good}.partial-999999`, 'half');
    const listed = listVerifiedBackups(file);
    expect(listed.map((b) => b.file)).not.toContain(`${good}.partial-999999`);
    expect(listed.find((b) => b.file === good)).toMatchObject({ version: LATEST });
    expect(listed.find((b) => b.file === good)?.problem).toBeUndefined();
    expect(listed.filter((b) => b.problem)).toHaveLength(1);
    expect(listBackups(file)).toHaveLength(2);
  });

  it('restoreBackup keeps the current file and its sidecars aside and renames the backup into place', () => {
    const dir = tempDir();
    const file = closedCatalog(dir);
    const backup = backupOf(file, tempDir());
    expect(verifyBackup(backup).problem).toBeUndefined();
    const currentHash = fileHash(file);
    writeFileSync(`${file}-wal`, Buffer.alloc(4096, 9));
    const result = restoreBackup(file, backup);
    expect(fileHash(file)).toBe(fileHash(backup));
    // (the -shm is the one the plain read-only VACUUM INTO of backupOf left)
    expect(result.keptAside.map((k) => k.from)).toEqual(expect.arrayContaining([file, `${file}-wal`]));
    const aside = result.keptAside[0]?.to as string;
    expect(fileHash(aside)).toBe(currentHash);
    expect(existsSync(`${aside}-wal`)).toBe(true);
    expect(readdirSync(dir).some((name) => name.includes('.restoring-'))).toBe(false);
    const { connection } = openCatalog(file);
    connection.close();
  });

  it('restoreBackup refuses a damaged backup and changes nothing', () => {
    const dir = tempDir();
    const file = closedCatalog(dir);
    const before = fileHash(file);
    const bad = join(tempDir(), 'bad.sqlite');
    copyFileSync(file, bad);
    writeFileSync(bad, 'SQLite format 3\0 but then nothing');
    catchError('Corrupt', () => restoreBackup(file, bad));
    expect(fileHash(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['catalog.sqlite']);
  });
});

describe('a sidecar that vanishes while it is judged', () => {
  it('a -journal listed by the probe and gone before it is read is not hot (its transaction ended)', () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    writeFileSync(file, '');
    writeFileSync(`${file}-journal`, Buffer.alloc(512, 1));
    const listed = probeFile(file).sidecars.find((s) => s.kind === 'journal');
    expect(listed).toBeDefined();
    rmSync(`${file}-journal`);
    expect(isHotJournal(listed!)).toBe(false);
  });
});
