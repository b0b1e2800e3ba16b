/**
 * Filling a fresh catalog from a spec, through `window.mimir` (so the same helper works in the
 * harness and the electron project): the SRD 5.1 fixture by a real import, or synthetic rows
 * (bench/seed.ts's fixed-seed generators) by batchUpsert for large catalogs.
 *
 * e2e/ is type-checked without the DOM library, so page code reaches the API through `globalThis`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { BrowseKind } from '../src-renderer/src/app/route';
import type { MimirApi } from '../src-shared/client';
import type { Result } from '../src-shared/errors';
import type { ImportResult } from '../src-shared/import-types';
import { creatureRows, RULE_SYSTEM, SOURCES, spellRows } from '../bench/seed';
import { withRulesTerms } from '../test/rules-terms-fixture';
import { test } from './fixtures';

type Api = Omit<MimirApi, 'on'>;
type Namespace = keyof Api & string;
type Method<N extends Namespace> = keyof Api[N] & string;
type Call<N extends Namespace, M extends Method<N>> = Api[N][M] extends (...args: infer A) => Promise<infer R> ? { args: A; result: R } : never;

/** One call of `window.mimir.<namespace>.<method>(input)` in the page, typed by the contract. */
export function mimir<N extends Namespace, M extends Method<N>>(
  page: Page,
  namespace: N,
  method: M,
  ...args: Call<N, M>['args']
): Promise<Call<N, M>['result']> {
  return page.evaluate(
    ([n, m, input]) => {
      const api = (globalThis as unknown as { mimir: Record<string, Record<string, (input: unknown) => Promise<unknown>>> }).mimir;
      const fn = api[n]?.[m];
      if (!fn) throw new Error(`window.mimir.${n}.${m} does not exist`);
      return fn(input);
    },
    [namespace, method, args[0]] as const,
  ) as Promise<Call<N, M>['result']>;
}

/** The data of a successful envelope; throws with the API's error otherwise. */
export function ok<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new Error(`window.mimir call failed: ${result.error.code}: ${result.error.message}`);
}

/** MIMIR_5ETOOLS_DIR (the SRD fixture), or skips the test with the reason. */
export function srdDir(): string {
  const dir = process.env['MIMIR_5ETOOLS_DIR'];
  test.skip(!dir, 'MIMIR_5ETOOLS_DIR is not set (point it at /work/shared/fixtures/5etools-srd51 or another 5etools data folder)');
  return resolve(dir as string);
}

/**
 * Imports the SRD folder and the synthetic rules-terms fixture (conditions, rules, skills … and an
 * item granting spells; test/fixtures/5etools-rules-terms) as one folder, so references between
 * them resolve (skips the test when MIMIR_5ETOOLS_DIR is unset).
 */
export async function seedSrdWithRulesTerms(page: Page): Promise<ImportResult> {
  const parent = test.info().outputPath();
  mkdirSync(parent, { recursive: true });
  const dataDir = withRulesTerms(srdDir(), parent);
  return ok(await mimir(page, 'import', 'fiveEtools', { dataDir }));
}

/** Imports the 5etools folder of MIMIR_5ETOOLS_DIR (skips the test when unset). About 2 s for the SRD. */
export async function seedSrd(page: Page): Promise<ImportResult> {
  const dataDir = srdDir();
  return ok(await mimir(page, 'import', 'fiveEtools', { dataDir }));
}

export interface SyntheticCounts {
  spells?: number;
  creatures?: number;
}

/** Rows per batchUpsert: the contract's cap. */
const BATCH = 1000;

/**
 * Synthetic spells and creatures (deterministic, shaped like imported 5etools rows) in the rule
 * system `dnd5e-2014` and books PHB, XGE, TCE (spells) and MM, VGM, MTF (creatures).
 */
export async function seedSynthetic(page: Page, counts: SyntheticCounts): Promise<void> {
  ok(await mimir(page, 'ruleSystems', 'batchUpsert', { rows: [{ id: RULE_SYSTEM, name: 'Dungeons & Dragons 5th Edition (2014)' }] }));
  ok(await mimir(page, 'sources', 'batchUpsert', { rows: SOURCES.map((id) => ({ id, ruleSystemId: RULE_SYSTEM, fullName: `Book ${id}` })) }));
  const spells = spellRows(counts.spells ?? 0);
  for (let at = 0; at < spells.length; at += BATCH) ok(await mimir(page, 'spells', 'batchUpsert', { rows: spells.slice(at, at + BATCH) }));
  const creatures = creatureRows(counts.creatures ?? 0);
  for (let at = 0; at < creatures.length; at += BATCH) {
    ok(await mimir(page, 'creatures', 'batchUpsert', { rows: creatures.slice(at, at + BATCH) }));
  }
}

/** What a list of any browsable kind has in common. */
export interface AnyPage {
  total: number;
  items: { id: string; name?: string; fullName?: string }[];
}

/** `window.mimir[kind].list(input)` for a kind chosen at run time (one signature for all kinds). */
export async function listOf(page: Page, kind: BrowseKind, input: Record<string, unknown>): Promise<AnyPage> {
  const result = (await mimir(page, kind, 'list', input as never)) as Result<AnyPage>;
  return ok(result);
}
