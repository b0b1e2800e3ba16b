/**
 * Deterministic row ids. The rule (README.md, "Ids"):
 *
 * - a record:            `slug(name)-slug(source)`                       fireball-phb, adult-red-dragon-mm
 * - a child record       `slug(parent name)[-slug(parent source)]-slug(child part)-slug(child source)`
 *   (subrace, subclass,  the parent's source only when it differs from the child's:
 *   expanded variant):   elf-high-phb, fighter-champion-phb, longsword-phb-plus-1-dmg
 * - a `_versions` copy:  `slug(version name)-slug(version source)`       warhorse-plate-barding-mm
 *
 * slug(): Unicode folded to ASCII, lower-cased, "+" spelled "plus", apostrophes dropped, every
 * other run of characters outside [a-z0-9] becomes one "-", no leading or trailing "-".
 * A name with nothing left (another script: Hebrew "כדור אש") gets `u-` and a stable hash of its
 * text instead, so every named record has an id; a part longer than MAX_PART keeps its first
 * characters and a hash of the whole.
 */
import { createHash } from 'node:crypto';
import { entityIdSchema } from '../../../src-shared/catalog/define';
import { slug } from '../../../src-shared/catalog/slug';

export { slug };

export class IdError extends Error {}

/** Longest slug of one name part; ids stay well under entityIdSchema's 200 characters. */
const MAX_PART = 80;

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
}

/** slug(), never empty for a non-empty text: a hash stands in for what ASCII cannot spell. */
export function idPart(text: string): string {
  const s = slug(text);
  if (s === '') return text.trim() === '' ? '' : `u-${hash(text.normalize('NFC'))}`;
  if (s.length <= MAX_PART) return s;
  return `${s.slice(0, MAX_PART).replace(/-+$/, '')}-${hash(text.normalize('NFC'))}`;
}

function join(parts: string[]): string {
  for (const part of parts) if (part === '') throw new IdError('a name or source is empty: no id can be built from it');
  const id = parts.join('-');
  const checked = entityIdSchema.safeParse(id);
  if (!checked.success) throw new IdError(`id "${id}" is not valid: ${checked.error.issues[0]?.message ?? 'rejected'}`);
  return id;
}

/** Id of a record: `fireball-phb`. */
export function recordId(name: string, source: string): string {
  return join([idPart(name), idPart(source)]);
}

/** Id of a subrace, subclass or expanded magic variant: `fighter-champion-phb`, `longsword-phb-plus-1-dmg`. */
export function childId(parent: { name: string; source: string }, part: string, source: string): string {
  const parentSource = parent.source.toLowerCase() === source.toLowerCase() ? [] : [idPart(parent.source)];
  return join([idPart(parent.name), ...parentSource, idPart(part), idPart(source)]);
}
