/**
 * `import-5etools <data-dir> [--dry-run] [--verbose]`: imports a 5etools data folder as a sync,
 * all or nothing, and prints the sync report, every skip and every warning grouped by reason.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IMPORT_KINDS, type ImportKind, type ImportResult } from '../../../src-shared/import-types';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { openCatalog, type OpenedCatalog } from '../../db/startup';
import { import5etools } from '../../import/5etools';
import { aligned, plural, success } from '../output';
import { requireDirectory, type Command } from './command';

/** Examples shown per group of skips or warnings without --verbose. */
const EXAMPLES_SHOWN = 2;

export const import5etoolsCommand: Command = {
  name: 'import-5etools',
  usage: 'import-5etools <data-dir> [--dry-run] [--verbose]',
  summary:
    'import a 5etools data folder (the one holding spells/, bestiary/, races.json …) as a sync; migrates first. --dry-run: report only',
  arguments: ['data-dir'],
  flags: ['dry-run', 'verbose'],
  run({ db, args, progress, flags }) {
    const dataDir = resolve(args[0] as string);
    requireDirectory(dataDir, '5etools data directory');
    const dryRun = flags.includes('dry-run');
    const verbose = flags.includes('verbose');
    const opened = dryRun ? openForDryRun(db) : { ...openCatalog(db), cleanup: () => undefined };
    const { catalog, connection, migration } = opened;
    try {
      const result = import5etools(catalog, dataDir, {
        dryRun,
        ...(progress ? { onProgress: (p) => progress(`${p.stage}${p.kind ? ` ${p.kind}` : ''}: ${p.done}/${p.total}`) } : {}),
      });
      // A dry run of an older catalog ran against a migrated copy; the file itself was not migrated.
      const data = { file: db, dataDir, migration: dryRun ? null : migration, ...result };
      return success(data, report(db, dataDir, result, verbose));
    } finally {
      progress?.(''); // clears the progress line
      connection.close();
      opened.cleanup();
    }
  },
};

/**
 * A dry run never writes the catalog file: a current catalog is opened read-only; one that is
 * missing, or needs migrations first, is planned against a migrated copy in a temporary folder.
 */
function openForDryRun(db: string): OpenedCatalog & { cleanup: () => void } {
  const tempCopy = (fill: (copy: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'mimir-dry-run-'));
    const copy = join(dir, 'catalog.sqlite');
    try {
      fill(copy);
      return { ...openCatalog(copy, { backup: { dir: join(dir, 'backups') } }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  };
  if (!existsSync(db)) return tempCopy(() => undefined);
  // As `status` does: a read-only open of a WAL file would leave empty -wal/-shm files behind,
  // so a WAL file is opened read-write (never migrated, nothing written) and the rest read-only.
  const existing = openCatalog(db, isWalFile(db) ? { migrate: false } : { readonly: true });
  if (migrationStatus(existing.connection.sqlite, embeddedMigrations).pending.length === 0) {
    return { ...existing, cleanup: () => undefined };
  }
  try {
    return tempCopy((copy) => existing.connection.sqlite.prepare('VACUUM INTO ?').run(copy));
  } finally {
    existing.connection.close();
  }
}

/** Bytes 18 and 19 of the SQLite header are 2 in WAL mode. */
function isWalFile(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}

/** The human-readable report: counts per kind, then every group of skips, warnings, kept rows and conflicts. */
function report(db: string, dataDir: string, result: ImportResult, verbose: boolean): string[] {
  const head = result.dryRun
    ? `Dry run: importing ${dataDir} into ${db} would give ${result.status}. Nothing was written.`
    : `Imported ${dataDir} into ${db}: ${result.status} (import log #${result.logId}).`;
  const columns = ['read', 'imported', 'inserted', 'updated', 'unchanged', 'removed', 'kept', 'conflicts', 'skipped', 'warnings'];
  const table = [
    ['kind', ...columns],
    ...IMPORT_KINDS.map((kind) => {
      const c = result.counts[kind];
      return [kind, c.read, c.imported, c.inserted, c.updated, c.unchanged, c.removed, c.keptReferenced + c.keptSkipped, c.conflicts, c.skipped, c.warnings].map(String);
    }),
  ];
  const widths = (table[0] as string[]).map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
  const lines = [head, ...table.map((row) => `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ')}`)];

  const skipped = result.skipped.map((s) => ({ kind: s.kind, text: s.reason, record: `${s.name} (${s.source})` }));
  const warnings = result.warnings.map((w) => ({ kind: w.kind, text: w.message, record: `${w.name} (${w.source})` }));
  lines.push(...grouped(`Skipped ${plural(skipped.length, 'record')}`, skipped, verbose));
  lines.push(...grouped(`${plural(warnings.length, 'warning')}`, warnings, verbose));
  for (const absent of result.absentFiles) lines.push(`Not in the folder: ${absent.file} (no ${absent.holds} imported).`);

  const kept = result.sync.kept;
  if (kept.length > 0) {
    lines.push(`Kept ${plural(kept.length, 'row')} this data no longer has:`);
    const rows = kept.map((k) => [
      `  ${k.kind} ${k.id}`,
      k.reason === 'skipped'
        ? 'its record was skipped by this import'
        : `still referenced by ${k.referencedBy.map((r) => `${r.table} ${r.id}`).join(', ')}`,
    ]) as [string, string][];
    lines.push(...aligned(verbose ? rows : rows.slice(0, 10)));
    if (!verbose && rows.length > 10) lines.push(`  … and ${rows.length - 10} more (--verbose)`);
  }
  const conflicts = result.sync.conflicts;
  if (conflicts.length > 0) {
    lines.push(`${plural(conflicts.length, 'conflict')}: rows of yours this data would change, kept as you left them:`);
    const rows = conflicts.map((c) => [`  ${c.kind} ${c.id}`, c.reason === 'user-created' ? 'made by you with this id' : 'imported, then edited by you']) as [string, string][];
    lines.push(...aligned(verbose ? rows : rows.slice(0, 10)));
    if (!verbose && rows.length > 10) lines.push(`  … and ${rows.length - 10} more (--verbose)`);
  }
  if (result.references) {
    const { rows, references, broken } = result.references;
    lines.push(
      `Cross-references: ${plural(references, 'reference')} written for ${plural(rows, 'row')}; the catalog has ${plural(broken.references, 'broken link')} to ${plural(broken.total, 'missing target')}${broken.total > 0 ? ':' : '.'}`,
    );
    const shown = verbose ? broken.items : broken.items.slice(0, 10);
    lines.push(...aligned(shown.map((b) => [`  ${b.targetKind} ${b.targetId}`, `${b.count}× e.g. ${b.example ?? ''}`])));
    if (broken.total > shown.length) {
      lines.push(`  … and ${broken.total - shown.length} more targets${verbose ? '' : ' (--verbose: the first 100; --json)'}`);
    }
  }
  const removed = IMPORT_KINDS.flatMap((kind) => result.sync.changes[kind].removed.map((id) => `${kind} ${id}`));
  if (verbose && removed.length > 0) {
    lines.push(`${result.dryRun ? 'Would remove' : 'Removed'} ${plural(removed.length, 'row')}:`, ...removed.map((r) => `  ${r}`));
  }
  if (!verbose && (skipped.length > 0 || warnings.length > 0)) lines.push('Every record: --verbose; everything, as JSON: --json.');
  return lines;
}

interface Entry {
  kind: ImportKind;
  text: string;
  record: string;
}

/**
 * Entries grouped by kind and by the shape of their reason: names, ids, book codes, numbers and
 * quoted values are what differs between records with the same problem, so they are masked.
 */
function grouped(title: string, entries: Entry[], verbose: boolean): string[] {
  if (entries.length === 0) return [];
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = `${entry.kind}: ${reasonShape(entry.text)}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const lines = [`${title}, ${plural(groups.size, 'reason')}:`];
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const width = String(sorted[0]?.[1].length ?? 0).length;
  for (const [key, group] of sorted) {
    lines.push(`  ${String(group.length).padStart(width)}× ${key}`);
    const shown = verbose ? group : group.slice(0, EXAMPLES_SHOWN);
    for (const entry of shown) lines.push(`  ${' '.repeat(width)}   ${entry.record}: ${entry.text}`);
    if (!verbose && group.length > shown.length) lines.push(`  ${' '.repeat(width)}   … and ${group.length - shown.length} more`);
  }
  return lines;
}

export function reasonShape(text: string): string {
  return (
    text
      .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')
      // 5etools references (`Name|Source|…`) and Title Case names ("Armor of Resistance").
      .replace(/\S*\|\S*/g, '…')
      .replace(/\b[A-Z][\w'’+-]*(?:\s+(?:(?:of|the|and|or|a|an|in|on|to|with|for|from)\s+)*[A-Z][\w'’+-]*)*/g, '…')
      // ids and numbers
      .replace(/\b[a-z0-9+]+(?:-[a-z0-9+]+)+\b/g, '…')
      .replace(/\b\d+(\.\d+)?\b/g, '…')
      .replace(/…(?:[\s…]*…)?/g, '…')
  );
}
