/**
 * kill -9 at random points of the real CLI: an import into a populated catalog, a migration, a
 * rollback, the automatic backup and the checkpoint. After every kill the catalog holds exactly
 * the state before or the state after (content hash over every table), `check` passes, the
 * next read-write open keeps that state, and no partial file is ever listed as a backup.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { cli, contentOf, listDir, randomBetween, record, useCli, writeOutcomes, type Content } from './harness';
import { copyCatalog, crashAfterCommit, populatedCatalog, rolledBackTo, spellData } from './fixtures';
import { latestVersion as LATEST } from '../../src-main/db/migrations';

useCli();
writeOutcomes('crash');

const KILLS = 10;

interface KillTally {
  before: number;
  after: number;
  finished: number;
}

/** After a kill: the state is one of the two, check passes, a read-write open keeps it, backups verify. */
async function verifyAfterKill(file: string, before: Content, after: Content, tally: KillTally, withBackups: boolean): Promise<void> {
  const now = contentOf(file);
  expect([before.hash, after.hash], `content after kill: ${JSON.stringify(now.counts)}`).toContain(now.hash);
  if (now.hash === before.hash) tally.before++;
  else tally.after++;
  const [check, backups] = await Promise.all([
    cli(['check', '--db', file, '--json']),
    withBackups ? cli(['backups', '--db', file, '--json']) : Promise.resolve(undefined),
  ]);
  expect(check.json?.ok, check.stdout + check.stderr).toBe(true);
  const listed = (backups?.json?.data?.backups ?? []) as { file: string; problem?: string }[];
  for (const backup of listed) {
    expect(backup.problem, backup.file).toBeUndefined();
    expect(backup.file).not.toMatch(/partial/);
  }
}

/**
 * KILLS copies of `base`, each running `args` killed at a random point in [from, to) ms; two at a
 * time (independent folders), which halves the wall time on two cores.
 */
async function killRuns(
  base: string,
  args: (file: string) => string[],
  window: { from: number; to: number },
  before: Content,
  after: Content,
  withBackups = true,
): Promise<KillTally & { points: number[] }> {
  const tally = { before: 0, after: 0, finished: 0, points: [] as number[] };
  const one = async () => {
    const file = copyCatalog(base, tempDir());
    const at = randomBetween(window.from, window.to);
    tally.points.push(at);
    const run = await cli(args(file), { killAfterMs: at });
    if (run.signal !== 'SIGKILL') tally.finished++;
    await verifyAfterKill(file, before, after, tally, withBackups);
    // The next read-write open keeps whatever state the kill left.
    const state = contentOf(file);
    const reopen = await cli(['migrate', '--db', file, '--json', '--to', String(state.version)]);
    expect(reopen.status, reopen.stdout + reopen.stderr).toBe(0);
    expect(contentOf(file).hash).toBe(state.hash);
    expect(listDir(join(file, '..')).filter((name) => /\.partial-/.test(name))).toEqual([]);
  };
  for (let i = 0; i < KILLS; i += 2) await Promise.all([one(), one()]);
  return tally;
}

function summary(tally: KillTally & { points: number[] }, withBackups = true): string {
  return `${tally.before} × before, ${tally.after} × after, never between (${tally.finished} of them finished before the kill); check ok${withBackups ? ', every listed backup verified' : ''} and the next read-write open kept the state every time`;
}

describe('kill -9', () => {
  const work = mkdtempSync(join(tmpdir(), 'mimir-crash-'));
  const small = spellData(join(work, 'data-500'), 500);
  const large = spellData(join(work, 'data-800'), 800);

  it('at random points of an import into a populated catalog: before or after, never between', async () => {
    const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), small);
    const before = contentOf(base);
    const reference = copyCatalog(base, tempDir());
    const full = await cli(['import-5etools', large, '--db', reference, '--json']);
    expect(full.status, full.stderr).toBe(0);
    const after = contentOf(reference);
    expect(after.counts.spells).toBe(800);
    const tally = await killRuns(base, (file) => ['import-5etools', large, '--db', file], { from: 200, to: Math.round(full.ms * 1.3) }, before, after, false);
    expect(tally.before + tally.after).toBe(KILLS);
    record({
      case: 'kill -9 during an import into a populated catalog',
      done: `${KILLS} imports of 800 spells over 500, killed at random points in 200–${Math.round(full.ms * 1.3)} ms`,
      result: summary(tally, false),
    });
  }, 240_000);

  it('at random points of a migration (automatic backup included): before or after', async () => {
    const base = rolledBackTo(populatedCatalog(join(tempDir(), 'catalog.sqlite'), large), 6);
    const before = contentOf(base);
    expect(before.version).toBe(6);
    const reference = copyCatalog(base, tempDir());
    const full = await cli(['migrate', '--db', reference, '--json']);
    expect(full.status, full.stderr).toBe(0);
    const after = contentOf(reference);
    expect(after.version).toBe(LATEST);
    const tally = await killRuns(base, (file) => ['migrate', '--db', file], { from: 150, to: full.ms + 50 }, before, after);
    record({
      case: `kill -9 during migrate (6 → ${LATEST})`,
      done: `${KILLS} migrations of a catalog with 800 spells, killed at random points in 150–${full.ms + 50} ms`,
      result: summary(tally),
    });
  }, 240_000);

  it('at random points of a rollback: before or after', async () => {
    const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), large);
    const before = contentOf(base);
    const reference = copyCatalog(base, tempDir());
    const full = await cli(['rollback', '--to', '6', '--db', reference, '--json']);
    expect(full.status, full.stderr).toBe(0);
    const after = contentOf(reference);
    expect(after.version).toBe(6);
    const tally = await killRuns(base, (file) => ['rollback', '--to', '6', '--db', file], { from: 150, to: full.ms + 50 }, before, after);
    record({
      case: `kill -9 during rollback (${LATEST} → 6)`,
      done: `${KILLS} rollbacks of a catalog with 800 spells, killed at random points in 150–${full.ms + 50} ms`,
      result: summary(tally),
    });
  }, 240_000);

  it('while the automatic backup is being written: the catalog is unchanged and the partial file is never a backup', async () => {
    const base = rolledBackTo(populatedCatalog(join(tempDir(), 'catalog.sqlite'), large), 6);
    const before = contentOf(base);
    const reference = copyCatalog(base, tempDir());
    expect((await cli(['migrate', '--db', reference])).status).toBe(0);
    const after = contentOf(reference);
    let killedInBackup = 0;
    let partialsSeen = 0;
    let finished = 0;
    const one = async () => {
      const dir = tempDir();
      const file = copyCatalog(base, dir);
      const backups = join(dir, 'backups');
      const delay = randomBetween(0, 6);
      let seenAt: number | undefined;
      const run = await cli(['migrate', '--db', file], {
        killWhen: () => {
          if (seenAt === undefined && listDir(backups).some((name) => name.includes('.partial-'))) seenAt = Date.now();
          return seenAt !== undefined && Date.now() - seenAt >= delay;
        },
      });
      const leftover = listDir(backups).filter((name) => name.includes('.partial-'));
      partialsSeen += leftover.length > 0 ? 1 : 0;
      const now = contentOf(file);
      // Killed while the backup was written: before. The kill can land after the (short) backup:
      // then before or after the migration, never between.
      if (run.signal === 'SIGKILL' && leftover.length > 0) expect(now.hash).toBe(before.hash);
      else expect([before.hash, after.hash]).toContain(now.hash);
      if (run.signal === 'SIGKILL') killedInBackup += leftover.length > 0 ? 1 : 0;
      else finished++;
      const [listed, check] = await Promise.all([cli(['backups', '--db', file, '--json']), cli(['check', '--db', file, '--json'])]);
      expect(check.json?.ok, check.stdout).toBe(true);
      const entries = (listed.json?.data?.backups ?? []) as { file: string; problem?: string }[];
      for (const entry of entries) expect(entry.problem, entry.file).toBeUndefined();
      expect(entries.map((e) => e.file).filter((f) => f.includes('partial'))).toEqual([]);
      // The next migration removes the dead process's partial file and succeeds.
      const again = await cli(['migrate', '--db', file, '--json']);
      expect(again.status, again.stderr).toBe(0);
      expect(listDir(backups).filter((name) => name.includes('.partial-'))).toEqual([]);
      expect(contentOf(file).version).toBe(LATEST);
    };
    for (let i = 0; i < KILLS; i += 2) await Promise.all([one(), one()]);
    expect(partialsSeen).toBeGreaterThan(0);
    record({
      case: 'kill -9 while the automatic backup is written',
      done: `${KILLS} migrations killed 0–5 ms after the backup's temporary file appeared`,
      result: `${killedInBackup} killed inside the backup (a partial file left): catalog unchanged each time; the others before or after the migration (${finished} finished); no partial file ever listed; the next migrate removed the partial file and succeeded`,
    });
  }, 240_000);

  it('at random points of the checkpoint of a large committed -wal: the committed data is always kept', async () => {
    const base = populatedCatalog(join(tempDir(), 'catalog.sqlite'), large);
    const before = contentOf(base);
    const tally = { after: 0, finished: 0 };
    // How long an uninterrupted reopen (trial replay, open, checkpoint of the whole -wal) takes.
    const probe = copyCatalog(base, tempDir());
    crashAfterCommit(probe);
    const committedProbe = contentOf(probe);
    const full = await cli(['migrate', '--db', probe, '--json']);
    expect(full.status, full.stderr).toBe(0);
    expect(existsSync(`${probe}-wal`)).toBe(false);
    expect(contentOf(probe).hash).toBe(committedProbe.hash);
    const window = full.ms + 50;
    const one = async () => {
      const file = copyCatalog(base, tempDir());
      crashAfterCommit(file);
      const committed = contentOf(file);
      expect(committed.hash).not.toBe(before.hash);
      const run = await cli(['migrate', '--db', file], { killAfterMs: randomBetween(150, window) });
      if (run.signal !== 'SIGKILL') tally.finished++;
      expect(contentOf(file).hash).toBe(committed.hash);
      const check = await cli(['check', '--db', file, '--json']);
      expect(check.json?.ok, check.stdout).toBe(true);
      tally.after++;
    };
    for (let i = 0; i < KILLS; i += 2) await Promise.all([one(), one()]);
    record({
      case: 'kill -9 during the checkpoint of a large committed -wal',
      done: `${KILLS} catalogs left with an uncheckpointed -wal (every spell updated), each reopened by migrate and killed at a random point in 150–${window} ms`,
      result: `${tally.after}/${KILLS} kept exactly the committed data (${tally.finished} finished before the kill); check ok every time`,
    });
  }, 240_000);
});
