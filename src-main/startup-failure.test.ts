import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src-shared/errors';
import { tempDir } from '../test/helpers';
import { openConnection } from './db/connection';
import { embeddedMigrations, migrate } from './db/migrations';
import { describeStartupFailure, RESTORE_BUTTON } from './startup-failure';

describe('describeStartupFailure', () => {
  const cases: [AppError, RegExp[]][] = [
    [
      { code: 'DatabaseNewerThanApp', message: 'newer', details: { databaseVersion: 14, appVersion: 11 } },
      [/newer version of Mimir/, /schema version 14/, /up to 11/, /has not changed the file/, /Install the latest version/],
    ],
    [
      { code: 'MigrationHistoryMismatch', message: 'mismatch', details: { version: 3, reason: 'checksum differs' } },
      [/does not match/, /checksum differs/, /has not changed the file/, /version of Mimir that created it/, /backup/],
    ],
    [
      { code: 'Corrupt', message: 'catalog.sqlite is damaged (page 4).', details: { reason: 'page 4' } },
      [/damaged/, /page 4/, /has not changed the file/, /backup/, /move .* somewhere else/],
    ],
    [
      { code: 'MigrationFailed', message: 'failed', details: { version: 11, name: 'import_log', reason: 'table import_log already exists' } },
      [/nothing was changed/, /Step 11 \(import_log\)/, /already exists/, /still at its previous version/],
    ],
    [{ code: 'DiskFull', message: 'The disk is full.', details: {} }, [/could not open/, /The disk is full/]],
  ];

  it.each(cases)('$code: says what happened and what to do', (error, expected) => {
    const file = join(tempDir(), 'catalog.sqlite');
    const text = Object.values(describeStartupFailure(error, file)).join('\n');
    for (const pattern of expected) expect(text).toMatch(pattern);
  });

  it('names the newest verified automatic backup and offers to restore it', () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    mkdirSync(join(dir, 'backups'));
    const older = join(dir, 'backups', 'catalog.sqlite.20250101T000000000Z.v0003.bak.sqlite');
    const newest = join(dir, 'backups', 'catalog.sqlite.20250301T000000000Z.v0005.bak.sqlite');
    const broken = join(dir, 'backups', 'catalog.sqlite.20250401T000000000Z.v0005.bak.sqlite');
    for (const [backup, version] of [[older, 3], [newest, 5]] as const) {
      const connection = openConnection(backup);
      migrate(connection.sqlite, embeddedMigrations, { to: version, backup: false });
      connection.sqlite.exec('PRAGMA journal_mode = DELETE');
      connection.close();
    }
    writeFileSync(broken, 'partial');
    const described = describeStartupFailure({ code: 'Corrupt', message: 'damaged', details: { reason: 'x' } }, file);
    expect(described.detail).toContain(newest);
    expect(described.detail).toContain(RESTORE_BUTTON);
    expect(described.detail).not.toContain(older);
    expect(described.detail).not.toContain(broken);
    expect(described.restorable).toMatchObject({ file: newest, version: 5 });
  });

  it('offers no restore when no backup verifies', () => {
    const file = join(tempDir(), 'catalog.sqlite');
    const described = describeStartupFailure({ code: 'Corrupt', message: 'damaged', details: { reason: 'x' } }, file);
    expect(described.restorable).toBeUndefined();
    expect(described.detail).toMatch(/npm run db -- restore <backup>/);
  });
});
