import { openCatalog } from '../src-main/db';
import { import5etools } from '../src-main/import/5etools';
import { rebuildReferences, referencesOf } from '../src-main/db/references';
import { updateSettings } from '../src-main/db/settings';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
for (const dir of process.argv.slice(2)) {
  const file = join(mkdtempSync('/tmp/terms-m-'), 'c.sqlite');
  const cat = openCatalog(file).catalog;
  let t = Date.now();
  const r = import5etools(cat, dir);
  const importMs = Date.now() - t;
  const sqlite = cat.connection.sqlite;
  console.log(dir, 'status', r.status, 'import ms', importMs, 'absent', JSON.stringify(r.absentFiles));
  console.log(' rulesTerms counts', JSON.stringify(r.counts.rulesTerms));
  console.log(' by type', JSON.stringify(sqlite.prepare('SELECT term_type, count(*) n FROM rules_terms GROUP BY 1').all()));
  console.log(' skipped rulesTerms', JSON.stringify(r.skipped.filter((s) => s.kind === 'rulesTerms').slice(0, 5)), 'warnings', r.warnings.filter((w) => w.kind === 'rulesTerms').length);
  console.log(' references', JSON.stringify({ rows: r.references?.rows, refs: r.references?.references, brokenTotal: r.references?.broken.total, brokenRefs: r.references?.broken.references }));
  console.log(' refs by target type', JSON.stringify(sqlite.prepare("SELECT target_entity_type t, reference_type rt, count(*) n FROM content_references GROUP BY 1,2").all()));
  console.log(' broken to rules_terms', JSON.stringify(r.references?.broken.items.filter((b) => b.targetKind === 'rules_terms').slice(0, 8)));
  const of = referencesOf(sqlite, { entity: 'rules_terms', id: 'frightened-phb', limit: 1 });
  const of24 = referencesOf(sqlite, { entity: 'rules_terms', id: 'frightened-xphb', limit: 1 });
  console.log(' frightened-phb mentionedBy', of.mentionedBy.total, JSON.stringify(of.mentionedBy.groups), 'xphb', of24.mentionedBy.total);
  t = Date.now();
  const u = cat.transaction(() => updateSettings(sqlite, { preferredRuleSystem: 'dnd5e-2024' }, () => rebuildReferences(sqlite)));
  console.log(' settings 2024 ms', Date.now() - t, JSON.stringify(u.references));
  console.log(' after 2024: frightened-phb', referencesOf(sqlite, { entity: 'rules_terms', id: 'frightened-phb', limit: 1 }).mentionedBy.total, 'xphb', referencesOf(sqlite, { entity: 'rules_terms', id: 'frightened-xphb', limit: 1 }).mentionedBy.total);
}
