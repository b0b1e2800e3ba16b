/**
 * The synthetic rules-terms fixture (test/fixtures/5etools-rules-terms: conditions, diseases,
 * statuses, rules, actions, senses, skills, and an item granting spells), alone or copied into one
 * folder with another 5etools data folder (the SRD fixture), so a single import has both and every
 * reference between them resolves. Plain Node (no vitest): the e2e specs use it too.
 */
import { copyFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RULES_TERMS_FIXTURE = fileURLToPath(new URL('fixtures/5etools-rules-terms', import.meta.url));

/**
 * A new temp folder with the files of `dataDir` and the rules-terms fixture's. The fixture's
 * items.json becomes rules-terms-items.json (records are read by key, not by file name).
 */
export function withRulesTerms(dataDir: string, parent = tmpdir()): string {
  const out = mkdtempSync(join(parent, 'mimir-terms-'));
  for (const name of readdirSync(dataDir)) {
    const from = join(dataDir, name);
    if (statSync(from).isFile() && name.endsWith('.json')) copyFileSync(from, join(out, name));
  }
  for (const name of readdirSync(RULES_TERMS_FIXTURE)) {
    if (!name.endsWith('.json')) continue;
    copyFileSync(join(RULES_TERMS_FIXTURE, name), join(out, name === 'items.json' ? 'rules-terms-items.json' : name));
  }
  return out;
}
