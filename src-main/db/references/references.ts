/**
 * Cross-references between catalog rows (`content_references`): the `{@tag}` references in a
 * row's rules text (stat-block sections and creature spellcasting spell lists included),
 * resolved to catalog rows by 5etools' rules, written per source row, and read in both
 * directions.
 *
 * Resolution of `{@spell Fireball|XPHB}`: the row of that kind whose name folds to the same
 * text (case, accents, punctuation ignored) in the tag's own source; with no source written,
 * in the tag's default source (PHB for spells, MM for creatures, DMG for items …) — unless the
 * caller prefers a rule system (`dnd5e-2024`), in which case that rule system's printing of the
 * name comes first (5etools' 2014 → 2024 redirect). A reference nobody resolves is kept with
 * the id the target would have (`fireball-phb`, the importer's id rule), so it is listed as
 * broken until such a row exists; a reference is broken exactly when no row has its target id,
 * which is also what deleting a referenced row leaves behind.
 *
 * Rules terms (`{@condition frightened}`, `{@variantrule …}`, `{@skill …}` …) resolve the same
 * way within their term type, from the `rules_terms` table (they are not in the search index):
 * the name as stored (case ignored), else folded as above. Structured grants are read too: an
 * item's `attachedSpells` (in its additional properties) name spells it lets you cast, `grants`.
 *
 * Callers that pass no options resolve with the user's stored preference (`settings`,
 * src-main/db/settings.ts): the 2024 preference redirects references without a source.
 */
import type Database from 'better-sqlite3';
import { slug } from '../../../src-shared/catalog/slug';
import { referencesIn, type MarkupReference } from '../../../src-shared/markup';
import {
  REFERENCE_KINDS,
  referencesOfInputSchema,
  SEARCH_KINDS,
  type ReferenceKind,
  type BrokenLink,
  type ImportReferences,
  type ReferenceDirection,
  type ReferenceEntry,
  type ReferenceGroup,
  type ReferencesOf,
  type ReferencesOfInput,
} from '../../../src-shared/search';
import { validate } from '../../../src-shared/validation';
import { bodyColumns, foldName } from '../search/functions';
import { storedReferenceOptions } from '../settings';

type ReferenceType = 'mentions' | 'grants';

export interface ExtractedReference {
  targetKind: ReferenceKind;
  targetId: string;
  referenceType: ReferenceType;
  /** The tag as written. */
  context: string;
  resolved: boolean;
}

export interface ReferenceOptions {
  /** Rule system whose printing a reference without a source resolves to first, e.g. `dnd5e-2024`. */
  preferRuleSystem?: string;
}

/** The id a target not in the catalog would have (the importer's id rule, src-shared/catalog/slug.ts). */
function expectedId(reference: MarkupReference): string | undefined {
  const parts =
    reference.tag === 'subclass' && reference.className
      ? [
          slug(reference.className),
          ...((reference.classSource ?? '').toLowerCase() === reference.effectiveSource.toLowerCase() ? [] : [slug(reference.classSource ?? '')]),
          slug(reference.name),
          slug(reference.effectiveSource),
        ]
      : [slug(reference.name), slug(reference.effectiveSource)];
  if (parts.some((part) => part === '')) return undefined;
  const id = parts.join('-');
  return id.length <= 200 ? id : undefined;
}

interface Statements {
  bySource: Database.Statement;
  preferred: Database.Statement;
  termBySource: Database.Statement;
  termPreferred: Database.Statement;
  termFoldedBySource: Database.Statement;
  termFoldedPreferred: Database.Statement;
  deleteOutgoing: Database.Statement;
  insert: Database.Statement;
  columns: Record<ReferenceKind, Database.Statement>;
  ruleSystem: Record<ReferenceKind, Database.Statement>;
  attachedSpells: Database.Statement;
}

/** The columns whose text holds a row's references: the search body, and a rules term's entries. */
function referenceColumns(kind: ReferenceKind, alias: string): string {
  return kind === 'rules_terms' ? `${alias}.entries` : bodyColumns(kind, alias);
}

/** Rows of one term type by name (NOCASE, from the name index) in a book, or in a rule system. */
const TERM_BY = (where: string, name: string) =>
  `SELECT id FROM rules_terms WHERE ${name} AND term_type = @termType AND ${where} ORDER BY id LIMIT 1`;

const cache = new WeakMap<Database.Database, Statements>();

function statementsFor(sqlite: Database.Database): Statements {
  let statements = cache.get(sqlite);
  if (statements) return statements;
  // `+entity_type`: the folded-name index answers these; the (entity_type, entity_id) index would scan a whole kind.
  statements = {
    bySource: sqlite
      .prepare(
        `SELECT entity_id FROM search_documents
         WHERE folded_name = @folded AND +entity_type = @kind AND upper(source_id) = upper(@source)
         ORDER BY entity_id LIMIT 1`,
      )
      .pluck(),
    preferred: sqlite
      .prepare(
        `SELECT entity_id FROM search_documents
         WHERE folded_name = @folded AND +entity_type = @kind AND rule_system_id = @ruleSystem
         ORDER BY entity_id LIMIT 1`,
      )
      .pluck(),
    termBySource: sqlite.prepare(TERM_BY('upper(source_id) = upper(@source)', 'name = @name')).pluck(),
    termPreferred: sqlite.prepare(TERM_BY('rule_system_id = @ruleSystem', 'name = @name')).pluck(),
    // Only when the exact name finds nothing (a broken link, or odd punctuation): scans the type.
    termFoldedBySource: sqlite.prepare(TERM_BY('upper(source_id) = upper(@source)', 'mimir_fold(name) = @folded')).pluck(),
    termFoldedPreferred: sqlite.prepare(TERM_BY('rule_system_id = @ruleSystem', 'mimir_fold(name) = @folded')).pluck(),
    deleteOutgoing: sqlite.prepare('DELETE FROM content_references WHERE source_entity_id = ? AND source_entity_type = ?'),
    insert: sqlite.prepare(
      `INSERT INTO content_references (source_entity_id, source_entity_type, target_entity_id, target_entity_type, rule_system_id, reference_type, context)
       VALUES (@sourceId, @sourceKind, @targetId, @targetKind, @ruleSystem, @referenceType, @context)
       ON CONFLICT (source_entity_id, source_entity_type, target_entity_id, target_entity_type) DO UPDATE SET
         reference_type = CASE WHEN excluded.reference_type = 'grants' THEN 'grants' ELSE content_references.reference_type END`,
    ),
    columns: Object.fromEntries(
      REFERENCE_KINDS.map((kind) => [kind, sqlite.prepare(`SELECT ${referenceColumns(kind, 't')} FROM ${kind} t WHERE t.id = ?`).raw()]),
    ) as Record<ReferenceKind, Database.Statement>,
    ruleSystem: Object.fromEntries(
      REFERENCE_KINDS.map((kind) => [kind, sqlite.prepare(`SELECT rule_system_id FROM ${kind} WHERE id = ?`).pluck()]),
    ) as Record<ReferenceKind, Database.Statement>,
    attachedSpells: sqlite.prepare(`SELECT json_extract(additional_properties, '$.attachedSpells') FROM items WHERE id = ?`).pluck(),
  };
  cache.set(sqlite, statements);
  return statements;
}

/** Keys of a spellcasting block whose tags name spells the creature can cast. */
const NOT_GRANTED = new Set(['name', 'headerEntries', 'footerEntries', 'type', 'ability', 'displayAs', 'hidden']);

/** The references in a row's body columns; those in spellcasting spell lists are `grants`. */
export function referencesInColumns(columns: readonly unknown[]): { reference: MarkupReference; type: ReferenceType }[] {
  const found: { reference: MarkupReference; type: ReferenceType }[] = [];
  const walk = (node: unknown, type: ReferenceType, depth: number): void => {
    if (depth > 64) return;
    if (typeof node === 'string') {
      if (node.includes('{@')) for (const reference of referencesIn(node)) found.push({ reference, type });
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, type, depth + 1);
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      const casting = record['type'] === 'spellcasting';
      for (const [key, value] of Object.entries(record)) walk(value, casting && !NOT_GRANTED.has(key) ? 'grants' : type, depth + 1);
    }
  };
  for (const column of columns) {
    if (typeof column !== 'string' || !column.includes('{@')) continue;
    try {
      walk(JSON.parse(column), 'mentions', 0);
    } catch {
      walk(column, 'mentions', 0);
    }
  }
  return found;
}

/**
 * The spells an item's `attachedSpells` names (5etools: a list of `"name"` / `"name|source"`, or
 * an object by use — `will`, `daily: {"1e": […]}`, `charges: {"1": […]}` …; `#5` after a spell is
 * the level it is cast at), as spell references
 * with the source written or PHB, the spell tag's default. Spells always stand in lists: a string
 * that is an object's value is something else (`ability: "int"`, the casting ability).
 */
export function attachedSpellReferences(value: unknown): MarkupReference[] {
  const found: MarkupReference[] = [];
  const walk = (node: unknown, depth: number, inList: boolean): void => {
    if (depth > 16 || found.length >= 500) return;
    if (typeof node === 'string') {
      if (!inList) return;
      // `fireball#5`, `magic missile|XPHB#5`: the spell, cast at the level after `#`.
      const [name = '', source = ''] = node.replace(/#[^|#]*$/, '').split('|').map((part) => part.trim());
      if (name === '') return;
      found.push({
        tag: 'spell',
        catalogKind: 'spells',
        name,
        effectiveSource: source || 'PHB',
        display: name,
        raw: `attachedSpells: ${node}`.slice(0, 2000),
        ...(source ? { source } : {}),
      });
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1, true);
    } else if (typeof node === 'object' && node !== null) {
      for (const item of Object.values(node)) walk(item, depth + 1, false);
    }
  };
  walk(value, 0, false);
  return found;
}

function resolveTerm(statements: Statements, reference: MarkupReference, options: ReferenceOptions): string | undefined {
  const params = { name: reference.name, termType: reference.termType, source: reference.effectiveSource, ruleSystem: options.preferRuleSystem };
  const prefer = !reference.source && options.preferRuleSystem !== undefined;
  const exact = (prefer ? (statements.termPreferred.get(params) as string | undefined) : undefined) ?? (statements.termBySource.get(params) as string | undefined);
  if (exact) return exact;
  const folded = { ...params, folded: foldName(reference.name) };
  return (prefer ? (statements.termFoldedPreferred.get(folded) as string | undefined) : undefined) ?? (statements.termFoldedBySource.get(folded) as string | undefined);
}

function resolve(statements: Statements, reference: MarkupReference, options: ReferenceOptions): { id: string; resolved: boolean } | undefined {
  const kind = reference.catalogKind;
  if (!kind) return undefined;
  const folded = foldName(reference.name);
  if (folded === '') return undefined;
  if (kind === 'rules_terms') {
    if (!reference.termType) return undefined;
    const id = resolveTerm(statements, reference, options);
    if (id) return { id, resolved: true };
    const expected = expectedId(reference);
    return expected ? { id: expected, resolved: false } : undefined;
  }
  if (!reference.source && options.preferRuleSystem) {
    const id = statements.preferred.get({ kind, folded, ruleSystem: options.preferRuleSystem }) as string | undefined;
    if (id) return { id, resolved: true };
  }
  const id = statements.bySource.get({ kind, folded, source: reference.effectiveSource }) as string | undefined;
  if (id) return { id, resolved: true };
  const expected = expectedId(reference);
  return expected ? { id: expected, resolved: false } : undefined;
}

/** The references of one row, resolved (a row that does not exist has none). */
export function extractReferences(sqlite: Database.Database, kind: ReferenceKind, id: string, options: ReferenceOptions = storedReferenceOptions(sqlite)): ExtractedReference[] {
  const statements = statementsFor(sqlite);
  const columns = statements.columns[kind].get(id) as unknown[] | undefined;
  if (!columns) return [];
  const out = new Map<string, ExtractedReference>();
  const found = referencesInColumns(columns);
  if (kind === 'items') {
    const attached = statements.attachedSpells.get(id) as string | null | undefined;
    if (attached) for (const reference of attachedSpellReferences(JSON.parse(attached))) found.push({ reference, type: 'grants' });
  }
  for (const { reference, type: foundType } of found) {
    // A spellcasting block grants its spells; a condition or rule named in it is only mentioned.
    const type: ReferenceType = foundType === 'grants' && reference.catalogKind !== 'spells' ? 'mentions' : foundType;
    const target = resolve(statements, reference, options);
    if (!target || !reference.catalogKind) continue;
    if (target.id === id && reference.catalogKind === kind) continue; // a row naming itself
    const key = `${reference.catalogKind}\u0000${target.id}`;
    const known = out.get(key);
    if (known) {
      if (type === 'grants') known.referenceType = 'grants';
      continue;
    }
    out.set(key, { targetKind: reference.catalogKind, targetId: target.id, referenceType: type, context: reference.raw.slice(0, 2000), resolved: target.resolved });
  }
  return [...out.values()];
}

/** Replaces the outgoing references of one row with those its text holds now. Returns how many. */
export function writeReferencesFor(sqlite: Database.Database, kind: ReferenceKind, id: string, options: ReferenceOptions = storedReferenceOptions(sqlite)): number {
  const statements = statementsFor(sqlite);
  const references = extractReferences(sqlite, kind, id, options);
  const ruleSystem = (statements.ruleSystem[kind].get(id) as string | undefined) ?? null;
  const write = () => {
    statements.deleteOutgoing.run(id, kind);
    for (const reference of references) {
      statements.insert.run({
        sourceId: id,
        sourceKind: kind,
        targetId: reference.targetId,
        targetKind: reference.targetKind,
        ruleSystem,
        referenceType: reference.referenceType,
        context: reference.context,
      });
    }
  };
  if (sqlite.inTransaction) write();
  else sqlite.transaction(write)();
  return references.length;
}

export interface RebuildReport {
  rows: number;
  references: number;
  broken: number;
}

/**
 * Rewrites the references of every row of the given kinds (all by default), in one transaction
 * (a savepoint inside the caller's, as in an import). References already stored for rows of
 * other kinds are kept.
 */
export function rebuildReferences(sqlite: Database.Database, options: ReferenceOptions & { kinds?: readonly ReferenceKind[]; signal?: AbortSignal } = {}): RebuildReport {
  const kinds = options.kinds ?? REFERENCE_KINDS;
  const resolution: ReferenceOptions = 'preferRuleSystem' in options ? { preferRuleSystem: options.preferRuleSystem } : storedReferenceOptions(sqlite);
  let rows = 0;
  let references = 0;
  sqlite.transaction(() => {
    for (const kind of kinds) {
      const ids = sqlite.prepare(`SELECT id FROM ${kind} ORDER BY id`).pluck().all() as string[];
      for (const id of ids) {
        references += writeReferencesFor(sqlite, kind, id, resolution);
        rows++;
      }
    }
  })();
  const broken = sqlite.prepare(`SELECT count(*) FROM content_references r WHERE ${BROKEN}`).pluck().get() as number;
  return { rows, references, broken };
}

/**
 * A reference whose target row is not in the catalog: search_documents lists every row of the
 * seven searchable kinds; rules terms are looked up in their table.
 */
const BROKEN = `((r.target_entity_type IN (${SEARCH_KINDS.map((k) => `'${k}'`).join(', ')})
    AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.entity_type = r.target_entity_type AND d.entity_id = r.target_entity_id))
  OR (r.target_entity_type = 'rules_terms' AND NOT EXISTS (SELECT 1 FROM rules_terms t WHERE t.id = r.target_entity_id)))`;

export type { ReferenceDirection, ReferenceEntry, ReferenceGroup, ReferencesOf, ReferencesOfInput };
export { referencesOfInputSchema };

export type { BrokenLink };

/** Broken links grouped by target, the most referenced first; `references`: how many references are broken in all. */
export function brokenLinks(
  sqlite: Database.Database,
  page: { limit?: number; offset?: number } = {},
): { items: BrokenLink[]; total: number; references: number } {
  const limit = page.limit ?? 100;
  const offset = page.offset ?? 0;
  const items = sqlite
    .prepare(
      `SELECT r.target_entity_type AS targetKind, r.target_entity_id AS targetId, count(*) AS count, min(r.context) AS example
       FROM content_references r WHERE ${BROKEN}
       GROUP BY r.target_entity_type, r.target_entity_id ORDER BY count DESC, targetKind, targetId LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as BrokenLink[];
  const totals = sqlite
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(n), 0) AS refs FROM
         (SELECT count(*) AS n FROM content_references r WHERE ${BROKEN} GROUP BY r.target_entity_type, r.target_entity_id)`,
    )
    .get() as { total: number; refs: number };
  return { items, total: totals.total, references: totals.refs };
}

/**
 * Both directions for one row, each page sorted by kind, reference type and name. Answered from
 * the (source id, type) and (target id, type) indexes.
 */
export function referencesOf(sqlite: Database.Database, input: ReferencesOfInput): ReferencesOf {
  const { entity, id, limit = 50, offset = 0 } = validate(referencesOfInputSchema, input, 'references query');
  const direction = (mine: 'source' | 'target', other: 'source' | 'target'): ReferenceDirection => {
    const where = `r.${mine}_entity_id = @id AND r.${mine}_entity_type = @entity`;
    const rows = sqlite
      .prepare(
        `SELECT r.${other}_entity_type AS kind, r.${other}_entity_id AS id, coalesce(d.name, t.name) AS name, r.reference_type AS referenceType,
                r.context AS context, d.doc_id IS NULL AND t.id IS NULL AS broken
         FROM content_references r
         LEFT JOIN search_documents d ON d.entity_type = r.${other}_entity_type AND d.entity_id = r.${other}_entity_id
         LEFT JOIN rules_terms t ON r.${other}_entity_type = 'rules_terms' AND t.id = r.${other}_entity_id
         WHERE ${where}
         ORDER BY kind, referenceType, coalesce(d.name, t.name, r.${other}_entity_id) COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
      )
      .all({ id, entity, limit, offset }) as (Omit<ReferenceEntry, 'broken'> & { broken: number })[];
    const groups = sqlite
      .prepare(
        `SELECT r.${other}_entity_type AS kind, r.reference_type AS referenceType, count(*) AS count
         FROM content_references r WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all({ id, entity }) as ReferenceGroup[];
    return {
      items: rows.map((row) => ({ ...row, broken: Boolean(row.broken) })),
      total: groups.reduce((n, g) => n + g.count, 0),
      groups,
    };
  };
  return { mentions: direction('source', 'target'), mentionedBy: direction('target', 'source'), limit, offset };
}

export type ImportReferenceReport = ImportReferences;

/**
 * After an import wrote rows (`written`: ids by table name), inside its transaction: rewrites the references of the rows it
 * inserted or updated (an unchanged row's text, and so its references, are as before), and,
 * when it inserted rows, those of the rows with broken links (a new row may be their target
 * under another id or printing); then reports the catalog's broken links. Rows the import
 * removed lost their outgoing references to a trigger; references to them are broken now.
 */
export function referencesAfterImport(
  sqlite: Database.Database,
  written: Partial<Record<string, readonly string[]>>,
  options: ReferenceOptions & { inserted?: boolean; check?: () => void } = {},
): ImportReferenceReport {
  const rewrite = new Map<ReferenceKind, Set<string>>(REFERENCE_KINDS.map((kind) => [kind, new Set(written[kind] ?? [])]));
  const resolution: ReferenceOptions = 'preferRuleSystem' in options ? { preferRuleSystem: options.preferRuleSystem } : storedReferenceOptions(sqlite);
  if (options.inserted) {
    const sources = sqlite
      .prepare(`SELECT DISTINCT r.source_entity_type AS kind, r.source_entity_id AS id FROM content_references r WHERE ${BROKEN}`)
      .all() as { kind: string; id: string }[];
    for (const { kind, id } of sources) rewrite.get(kind as ReferenceKind)?.add(id);
  }
  let rows = 0;
  let references = 0;
  for (const [kind, ids] of rewrite) {
    for (const id of ids) {
      if (rows % 100 === 0) options.check?.();
      references += writeReferencesFor(sqlite, kind, id, resolution);
      rows++;
    }
  }
  return { rows, references, broken: brokenLinks(sqlite, { limit: 100 }) };
}
