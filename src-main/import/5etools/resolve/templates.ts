/**
 * Creature templates (`_copy._templates: [{name, source}]`, 5etools `copyApplier.getCopy`, "fetch
 * and apply any external template"): records of the `<collection>Template` collection
 * (`monsterTemplate`, `legendaryGroupTemplate` in bestiary/template.json). Each template's
 * `apply._mod` joins the copy's own patches (after them, key by key); its `apply._root` sets
 * root properties the copy does not give itself, after the target's properties are copied.
 */
import { copyJson as clone } from './walk';
import { isRecord, refKey } from '../raw';
import type { Raw } from '../types';
import { concatMods, normaliseMods } from './mods';

export type TemplateIndex = ReadonlyMap<string, Raw>;

/** Resolved template records by `name|source` (case-insensitive, trimmed), first one kept. */
export function indexTemplates(templates: readonly Raw[]): TemplateIndex {
  const index = new Map<string, Raw>();
  for (const template of templates) {
    const key = templateKey(template['name'], template['source']);
    if (key && !index.has(key)) index.set(key, template);
  }
  return index;
}

function templateKey(name: unknown, source: unknown): string | undefined {
  return typeof name === 'string' && typeof source === 'string' ? refKey(name.trim(), source.trim()) : undefined;
}

export interface AppliedTemplates {
  /** The copy's `_mod` joined with the templates' `apply._mod`. */
  mods: Record<string, unknown[]>;
  /** `apply._root` of each template, in order. */
  roots: Raw[];
  /** Templates that are not in the data, as `name|source`. */
  missing: string[];
}

export function applyTemplates(refs: unknown, mods: Record<string, unknown[]>, index: TemplateIndex): AppliedTemplates {
  const out: AppliedTemplates = { mods, roots: [], missing: [] };
  for (const ref of Array.isArray(refs) ? refs : []) {
    const key = isRecord(ref) ? templateKey(ref['name'], ref['source']) : undefined;
    const template = key === undefined ? undefined : index.get(key);
    if (!template) {
      out.missing.push(isRecord(ref) ? `${String(ref['name'])}|${String(ref['source'])}` : JSON.stringify(ref));
      continue;
    }
    const apply = isRecord(template['apply']) ? template['apply'] : {};
    const templateMods = normaliseMods(apply['_mod']);
    if (templateMods) out.mods = concatMods(out.mods, clone(templateMods));
    if (isRecord(apply['_root'])) out.roots.push(apply['_root']);
  }
  return out;
}
