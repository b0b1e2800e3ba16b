/**
 * Words for the backups screen: a backup's time, size and row counts, what a restore did, and a
 * refusal from the backup channels as a sentence that says what to do. Pure functions, no DOM, so
 * vitest checks them.
 */
import type { BackupEntry, RestoreOutcome } from '../../../src-shared/contract';
import { BROWSE_KINDS } from '../app/route';
import { KIND_WORDS } from '../forms/fields';

/** "3.2 MB", "412 KB", "900 bytes" (powers of 1,000, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** When a backup was taken, in the reader's time zone ("1 Dec 2026, 14:55:03"); the raw text if it is not a date. */
export function formatTaken(createdAt: string, locale?: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** "412 spells, 3 creatures, 1 source": the browsable kinds the backup has rows of, in navigation order. */
export function formatCounts(counts: BackupEntry['counts']): string {
  const parts: string[] = [];
  for (const kind of BROWSE_KINDS) {
    const n = counts[kind];
    if (n === undefined || n === 0) continue;
    parts.push(`${n.toLocaleString('en-US')} ${n === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no rows';
}

/** The file name of a path (either separator). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** What the app says after a restore: where the previous catalog went, and any warning. */
export function describeRestore(outcome: RestoreOutcome): string[] {
  const lines = [`Restored ${fileName(outcome.restoredFrom)} (schema version ${outcome.backupVersion}).`];
  if (outcome.schemaVersion !== outcome.backupVersion) lines.push(`It was upgraded to schema version ${outcome.schemaVersion}.`);
  const kept = outcome.keptAside.map((k) => fileName(k.to));
  if (kept.length > 0) lines.push(`The previous catalog was kept aside as ${kept.join(', ')}; nothing was deleted.`);
  lines.push(...outcome.warnings);
  return lines;
}

/** The lead of a refusal from a backup channel: what it means for the user, then the main process's own message. */
export function describeRefusal(action: 'restore' | 'backup' | 'list', error: { code: string; message: string }): string {
  const what = action === 'restore' ? 'The restore was refused' : action === 'backup' ? 'No backup was taken' : 'The backups could not be listed';
  const lead: Record<string, string> = {
    Busy: `${what}: Mimir is busy.`,
    Corrupt: `${what}: the backup is damaged.`,
    ReadOnly: `${what}: the catalog's folder cannot be written.`,
    NotFound: `${what}: that backup is no longer there.`,
    BackupFailed: `${what}: the backup could not be written.`,
    DiskFull: `${what}: the disk is full.`,
    Unavailable: `${what}: the catalog service is not available.`,
  };
  // A refused restore leaves the open catalog as it was (catalog-session.ts refuses before closing it).
  const unchanged = action === 'restore' && !/Nothing was (changed|lost)/.test(error.message) ? ' The current catalog was not changed.' : '';
  return `${lead[error.code] ?? `${what}.`} ${error.message}${unchanged}`;
}

/** Whether a failure of the catalog itself calls for "Restore the newest backup" (its file is damaged). */
export function advisesRestore(error: { code: string } | undefined): boolean {
  return error !== undefined && (error.code === 'Corrupt' || error.code === 'NotACatalog' || error.code === 'MigrationHistoryMismatch');
}
