/**
 * The resolve stage over a whole 5etools data folder (MIMIR_5ETOOLS_FULL_DIR, e.g. the `data/`
 * folder of a release; never committed). Record counts are computed here from the JSON, not by
 * the stage: every record comes out, followed by one record per `_versions` entry (per
 * implementation of an `_abstract`), except subrace versions (built after the race merge).
 * Nothing is skipped except copies whose target is not in the folder, and no patch is refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../raw';
import type { Raw } from '../types';
import { resolveDataSet } from './index';
import { collectingReporter } from '../../../../test/resolve-5etools';

const dir = process.env['MIMIR_5ETOOLS_FULL_DIR'];

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return ['adventure', 'book', 'generated'].includes(name) ? [] : jsonFiles(path);
    return name.endsWith('.json') && !name.startsWith('fluff') && !name.startsWith('foundry') ? [path] : [];
  });
}

/** The record collections the importer reads, and the template collections they use. */
const KEYS = ['monster', 'monsterTemplate', 'legendaryGroup', 'legendaryGroupTemplate', 'spell', 'race', 'subrace', 'class', 'subclass', 'classFeature', 'subclassFeature', 'optionalfeature', 'item', 'baseitem', 'itemGroup', 'magicvariant', 'itemEntry', 'background', 'feat'];

function readCollections(folder: string): Record<string, Raw[]> {
  const out: Record<string, Raw[]> = {};
  for (const file of jsonFiles(folder)) {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isRecord(json)) continue;
    for (const [key, value] of Object.entries(json)) if (KEYS.includes(key) && Array.isArray(value)) (out[key] ??= []).push(...(value as Raw[]));
  }
  return out;
}

function versionCount(record: Raw): number {
  if (!Array.isArray(record['_versions'])) return 0;
  return record['_versions'].reduce<number>((n, v) => n + (isRecord(v) && isRecord(v['_abstract']) ? (Array.isArray(v['_implementations']) ? v['_implementations'].length : 0) : 1), 0);
}

describe.skipIf(!dir)('resolveDataSet over a full 5etools folder (MIMIR_5ETOOLS_FULL_DIR)', () => {
  it('resolves every record: counts from the JSON, skips only for missing targets, no refused patch', () => {
    const collections = readCollections(dir as string);
    const { reporter, skipped, warnings } = collectingReporter();
    const out = resolveDataSet(collections, reporter);
    expect(warnings, JSON.stringify(warnings.slice(0, 10), null, 1)).toEqual([]);
    const unexpected = skipped.filter((s) => !/^it copies .*, which (is not in the data|could not be resolved: it copies .*, which is not in the data)$/.test(s.message));
    expect(unexpected, JSON.stringify(unexpected.slice(0, 10), null, 1)).toEqual([]);
    for (const [key, records] of Object.entries(collections)) {
      const skippedHere = new Set(skipped.filter((s) => s.collection === key).map((s) => `${String(s.name)}|${String(s.source)}`));
      const kept = records.filter((r) => isRecord(r) && !skippedHere.has(`${String(r['name'])}|${String(r['source'])}`));
      const expected = kept.length + (key === 'subrace' ? 0 : kept.reduce((n, r) => n + versionCount(r), 0));
      expect(out[key]?.length, key).toBe(expected);
      for (const record of out[key] ?? []) expect('_copy' in record, `${key} ${String(record['name'])}`).toBe(false);
    }
  });

  it('spot checks: "*" text patches stay out of type tags, templates reach copies, versions name their parent', () => {
    const out = resolveDataSet(readCollections(dir as string), collectingReporter().reporter);
    const find = (key: string, name: string, source: string) => out[key]?.find((r) => r['name'] === name && r['source'] === source);
    const zisatta = find('monster', 'Zisatta', 'JttRC');
    if (zisatta) {
      expect(zisatta['type']).toEqual({ type: 'humanoid', tags: ['merfolk'] });
      expect(zisatta['trait']).toEqual([{ name: 'Water Breathing', entries: ['Zisatta can breathe only underwater.'] }]);
    }
    const templated = (out['monster'] ?? []).filter((r) => Array.isArray(r['trait']) && (r['trait'] as Raw[]).some((t) => isRecord(t) && t['name'] === 'Dwarven Resilience'));
    const input = readCollections(dir as string)['monster'] ?? [];
    const expectedDwarves = input.filter((r) => isRecord(r['_copy']) && JSON.stringify((r['_copy'] as Raw)['_templates'] ?? []).match(/Dwarf/));
    expect(templated.length).toBeGreaterThanOrEqual(expectedDwarves.length);
    for (const record of templated) expect(JSON.stringify(record)).not.toContain('<$');
    const versions = (out['monster'] ?? []).filter((r) => r['_versionOf'] !== undefined);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(find('monster', String((version['_versionOf'] as Raw)['name']), String((version['_versionOf'] as Raw)['source']))).toBeDefined();
  });
});

describe.skipIf(Boolean(dir))('resolveDataSet over a full 5etools folder', () => {
  it.skip('needs MIMIR_5ETOOLS_FULL_DIR (the data/ folder of a 5etools release)', () => {});
});
