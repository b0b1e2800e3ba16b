/** Shared by the resolve stage's unit tests (src-main/import/5etools/resolve/). */
import type { Raw } from '../src-main/import/5etools/types';
import type { ResolveReporter } from '../src-main/import/5etools/resolve/index';
import { applyMods, normaliseMods } from '../src-main/import/5etools/resolve/mods';

/** `record` (not modified) with `mods` applied as a `_mod` object, and the warnings it gave. */
export function patch(record: Raw, mods: Raw): { record: Raw; warnings: string[] } {
  const warnings: string[] = [];
  const out = structuredClone(record);
  applyMods(out, normaliseMods(mods) ?? {}, (message) => warnings.push(message));
  return { record: out, warnings };
}

export interface Reported {
  collection: string;
  name: unknown;
  source: unknown;
  message: string;
}

/** A reporter that keeps what it is told. */
export function collectingReporter(): { reporter: ResolveReporter; skipped: Reported[]; warnings: Reported[] } {
  const skipped: Reported[] = [];
  const warnings: Reported[] = [];
  return {
    skipped,
    warnings,
    reporter: {
      skip: (collection, record, message) => skipped.push({ collection, name: record['name'], source: record['source'], message }),
      warn: (collection, record, message) => warnings.push({ collection, name: record['name'], source: record['source'], message }),
    },
  };
}
