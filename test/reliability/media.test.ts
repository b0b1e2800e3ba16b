/**
 * Media that refuse writes, through the real CLI: full disks (a small tmpfs, see "disk full"
 * below for what stands in without root) during an import, a checkpoint and a backup; read-only
 * files, folders and mounts; an unwritable or misplaced backups/. The read-only cases need root
 * (mount, chattr); each skips with its reason otherwise.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { listBackups } from '../../src-main/db/backup';
import {
  chattr,
  chattrUnsupported,
  cli,
  contentOf,
  fileState,
  fillDisk,
  listDir,
  mountReadOnly,
  mountUnsupported,
  pageLimit,
  record,
  smallDisk,
  smallDiskUnsupported,
  type CliOptions,
  useCli,
  writeOutcomes,
} from './harness';
import { copyCatalog, crashAfterCommit, populatedCatalog, rolledBackTo, spellData } from './fixtures';

useCli();
writeOutcomes('media');

const noMount = mountUnsupported();
const noChattr = chattrUnsupported();
const data = spellData(join(tempDir(), 'data'), 400);
const bigData = spellData(join(tempDir(), 'big'), 3000);
const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), data);
const baseV6 = rolledBackTo(copyCatalog(base, tempDir()), 6);
const MB = 1024 * 1024;

/**
 * A full disk: a small tmpfs (mounted as root, or in a user namespace of our own otherwise). Where
 * neither can be made, the import case uses SQLite's page limit on the child's connection
 * (harness.ts `pageLimit`), which refuses a growing write with SQLITE_FULL as a full disk does;
 * the checkpoint and backup cases cannot (a checkpoint and a VACUUM INTO target ignore the page
 * limit), so they skip with the reason.
 */
const noDisk = smallDiskUnsupported();
const noDiskReason = noDisk ? `${noDisk}; PRAGMA max_page_count cannot fail a checkpoint or a VACUUM INTO target` : undefined;

describe('disk full', () => {
  // The import runs both ways where it can: on a small disk, and under the page limit (which
  // stands in for the disk where none can be made), with the same verdicts.
  for (const limit of ['small disk', 'page limit'] as const) {
    const skip = limit === 'small disk' ? noDisk : undefined;
    it.skipIf(skip)(`during an import (${limit === 'small disk' ? 'tmpfs' : 'PRAGMA max_page_count'}): DiskFull, rolled back, the catalog as before${skip ? `: skipped, ${skip}` : ''}`, async () => {
      const disk = limit === 'small disk' ? smallDisk(24 * MB) : undefined;
      try {
        const dir = disk?.dir ?? tempDir();
        const file = copyCatalog(base, dir);
        const before = contentOf(file, ['import_log']);
        const logged = contentOf(file).counts.import_log ?? 0;
        let how: string;
        let options: CliOptions;
        if (disk) {
          fillDisk(disk.dir, 1 * MB);
          how = `a ${disk.kind} with 1 MiB free`;
          options = disk.cliOptions;
        } else {
          // 1 MiB of room above the file's size, as on the tmpfs.
          const pages = Math.ceil(statSync(file).size / 4096) + 256;
          how = `a file limited to ${pages} pages, 1 MiB above its size (PRAGMA max_page_count on the child's connection)`;
          options = pageLimit(dir, pages);
        }
        const inChild = disk ? disk.child(file) : file;
        const run = await cli(['import-5etools', bigData, '--db', inChild, '--json'], options);
        expect(run.status, run.stdout + run.stderr).toBe(1);
        expect(run.json?.error?.code).toBe('DiskFull');
        expect(run.json?.error?.message).not.toMatch(/nothing was written/);
        expect(run.json?.error?.message).toMatch(/nothing was imported.*rolled back/);
        // Every table as before; import_log holds at most the one row recording the failed run.
        expect(contentOf(file, ['import_log']).hash).toBe(before.hash);
        const loggedAfter = contentOf(file).counts.import_log ?? 0;
        expect(loggedAfter - logged).toBeLessThanOrEqual(1);
        if (disk) rmSync(join(disk.dir, 'filler.bin'));
        expect((await cli(['check', '--db', inChild, '--json'], disk?.cliOptions ?? {})).json?.ok).toBe(true);
        record({
          case: `disk full during an import (${limit === 'small disk' ? 'tmpfs' : 'page limit'})`,
          done: `3,000 spells into a catalog on ${how}`,
          result: `${run.json?.error?.code}: "${run.json?.error?.message}"; every table unchanged (import_log +${loggedAfter - logged} row for the failed run); check ok`,
        });
      } finally {
        disk?.unmount();
      }
    });
  }

  it.skipIf(noDisk)(`during the checkpoint after a commit: success with a warning that names the -wal to keep; merged once there is space${noDiskReason ? `: skipped, ${noDiskReason}` : ''}`, async () => {
    const disk = smallDisk(24 * MB);
    try {
      const file = copyCatalog(base, disk.dir);
      crashAfterCommit(file, disk); // committed, not checkpointed: the checkpoint must grow the file
      const committed = contentOf(file);
      const walBytes = statSync(`${file}-wal`).size;
      fillDisk(disk.dir, 64 * 1024);
      const run = await cli(['migrate', '--db', disk.child(file), '--json'], disk.cliOptions);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const warning = run.json?.warnings?.join(' ') ?? '';
      expect(warning).toMatch(/could not be merged .*the disk is full.*Do not delete .*catalog\.sqlite-wal/);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(contentOf(file).hash).toBe(committed.hash);
      rmSync(join(disk.dir, 'filler.bin'));
      const again = await cli(['migrate', '--db', disk.child(file), '--json'], disk.cliOptions);
      expect(again.status).toBe(0);
      expect(again.json?.warnings ?? []).toEqual([]);
      expect(existsSync(`${file}-wal`)).toBe(false);
      expect(contentOf(file).hash).toBe(committed.hash);
      record({
        case: 'disk full during the checkpoint of a committed -wal',
        done: `${Math.round(walBytes / 1024)} KiB committed -wal, ${disk.kind} filled to 64 KiB free, migrate (opens and checkpoints on close)`,
        result: 'exit 0 with a warning naming the -wal ("Do not delete"); -wal kept, content = committed; after freeing space the next open merged it',
      });
    } finally {
      disk.unmount();
    }
  });

  it.skipIf(noDisk)(`during the automatic backup: BackupFailed, nothing migrated, no partial file left or listed${noDiskReason ? `: skipped, ${noDiskReason}` : ''}`, async () => {
    const disk = smallDisk(24 * MB);
    try {
      const file = copyCatalog(baseV6, disk.dir);
      const before = fileState(file);
      mkdirSync(join(disk.dir, 'backups'));
      fillDisk(disk.dir, 200 * 1024);
      const run = await cli(['migrate', '--db', disk.child(file), '--json'], disk.cliOptions);
      expect(run.status, run.stdout).toBe(1);
      expect(run.json?.error?.code).toBe('BackupFailed');
      expect(run.json?.error?.message).toMatch(/the disk is full.*so nothing was changed/);
      expect(fileState(file)).toEqual(before);
      expect(listDir(join(disk.dir, 'backups'))).toEqual([]);
      expect(listBackups(file)).toEqual([]);
      record({
        case: 'disk full during the automatic backup',
        done: `migrate of a version-6 catalog on a ${disk.kind} with 200 KiB free`,
        result: `BackupFailed: "${run.json?.error?.message}"; catalog byte-identical; backups/ empty`,
      });
    } finally {
      disk.unmount();
    }
  });
});

describe('read-only media', () => {
  it.skipIf(noChattr)(`a read-only (immutable) file: inspected, never written${noChattr ? `: skipped, ${noChattr}` : ''}`, async () => {
    const dir = tempDir();
    const file = copyCatalog(base, dir);
    const before = fileState(file);
    chattr('+i', file);
    try {
      const status = await cli(['status', '--db', file, '--json']);
      expect(status.status, status.stdout).toBe(0);
      const check = await cli(['check', '--db', file, '--json']);
      expect(check.json?.ok).toBe(true);
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.json?.error?.code).toBe('ReadOnly');
      expect(run.json?.error?.details).toMatchObject({ reason: 'file' });
      const imported = await cli(['import-5etools', data, '--db', file, '--json']);
      expect(imported.json?.error?.code).toBe('ReadOnly');
      expect(fileState(file)).toEqual(before);
      expect(listDir(dir)).toEqual(['catalog.sqlite']);
      record({
        case: 'read-only file (chattr +i)',
        done: 'status, check, migrate, import-5etools',
        result: `status and check ok (no sidecar created); migrate/import ReadOnly (reason file): "${run.json?.error?.message}"`,
      });
    } finally {
      chattr('-i', file);
    }
  });

  it.skipIf(noChattr)(`a read-only (immutable) folder${noChattr ? `: skipped, ${noChattr}` : ''}`, async () => {
    const dir = tempDir();
    const file = copyCatalog(base, dir);
    const before = fileState(file);
    chattr('+i', dir);
    try {
      const status = await cli(['status', '--db', file, '--json']);
      expect(status.status, status.stdout).toBe(0);
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.json?.error?.code).toBe('ReadOnly');
      expect(run.json?.error?.details).toMatchObject({ reason: expect.stringMatching(/file|directory/) });
      expect(fileState(file)).toEqual(before);
      record({
        case: 'read-only folder (chattr +i)',
        done: 'status, migrate',
        result: `status ok; migrate ReadOnly (reason ${String((run.json?.error?.details as { reason?: string }).reason)}); file byte-identical`,
      });
    } finally {
      chattr('-i', dir);
    }
  });

  it.skipIf(noMount)(`a read-only mount, with a crashed session's -wal on it${noMount ? `: skipped, ${noMount}` : ''}`, async () => {
    const dir = tempDir();
    const file = copyCatalog(base, dir);
    crashAfterCommit(file);
    const committed = contentOf(file);
    const before = fileState(file);
    const mount = mountReadOnly(dir);
    try {
      const onMount = join(mount.dir, 'catalog.sqlite');
      const status = await cli(['status', '--db', onMount, '--json']);
      expect(status.status, status.stdout).toBe(0);
      const check = await cli(['check', '--db', onMount, '--json']);
      expect(check.json?.ok, check.stdout).toBe(true);
      const run = await cli(['migrate', '--db', onMount, '--json']);
      expect(run.json?.error?.code).toBe('ReadOnly');
      expect(run.json?.error?.details).toMatchObject({ reason: 'media' });
      expect(run.json?.error?.message).toMatch(/read-only media/);
      const backupOut = join(tempDir(), 'copy.sqlite');
      const backup = await cli(['backup', backupOut, '--db', onMount, '--json']);
      expect(backup.status, backup.stdout).toBe(0);
      expect(contentOf(backupOut).hash).toBe(committed.hash);
      expect(fileState(file)).toEqual(before);
      record({
        case: 'read-only mount (bind, ro) with a committed -wal',
        done: 'status, check, backup, migrate',
        result: 'status/check ok (read through a temp copy with the -wal), backup = committed content; migrate ReadOnly (reason media); files byte-identical',
      });
    } finally {
      mount.unmount();
    }
  });
});

describe('backups/ that cannot take a backup', () => {
  it(`unwritable${noChattr ? ' (skipped part: chattr)' : ''} or not a folder: BackupFailed, nothing migrated`, async () => {
    const results: string[] = [];
    {
      const dir = tempDir();
      const file = copyCatalog(baseV6, dir);
      const before = fileState(file);
      writeFileSync(join(dir, 'backups'), 'a file where the folder should be');
      const run = await cli(['migrate', '--db', file, '--json']);
      expect(run.json?.error?.code).toBe('BackupFailed');
      expect(run.json?.error?.message).toMatch(/exists but is not a folder/);
      expect(fileState(file)).toEqual(before);
      results.push(`backups is a file: BackupFailed "${run.json?.error?.message}"`);
    }
    if (!noChattr) {
      const dir = tempDir();
      const file = copyCatalog(baseV6, dir);
      const before = fileState(file);
      mkdirSync(join(dir, 'backups'));
      chattr('+i', join(dir, 'backups'));
      try {
        const run = await cli(['migrate', '--db', file, '--json']);
        expect(run.json?.error?.code).toBe('BackupFailed');
        expect(run.json?.error?.message).toMatch(/cannot be written/);
        expect(fileState(file)).toEqual(before);
        results.push('backups/ immutable: BackupFailed, file byte-identical');
      } finally {
        chattr('-i', join(dir, 'backups'));
      }
    }
    record({ case: 'unwritable or misplaced backups/', done: 'migrate of a version-6 catalog', result: results.join('; ') });
  });
});
