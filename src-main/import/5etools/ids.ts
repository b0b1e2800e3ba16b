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
 */
import { entityIdSchema } from '../../../src-shared/catalog/define';

export class IdError extends Error {}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function join(parts: string[]): string {
  for (const part of parts) if (part === '') throw new IdError('a name or source has no letters or digits to build an id from');
  const id = parts.join('-');
  const checked = entityIdSchema.safeParse(id);
  if (!checked.success) throw new IdError(`id "${id}" is not valid: ${checked.error.issues[0]?.message ?? 'rejected'}`);
  return id;
}

/** Id of a record: `fireball-phb`. */
export function recordId(name: string, source: string): string {
  return join([slug(name), slug(source)]);
}

/** Id of a subrace, subclass or expanded magic variant: `fighter-champion-phb`, `longsword-phb-plus-1-dmg`. */
export function childId(parent: { name: string; source: string }, part: string, source: string): string {
  const parentSource = parent.source.toLowerCase() === source.toLowerCase() ? [] : [slug(parent.source)];
  return join([slug(parent.name), ...parentSource, slug(part), slug(source)]);
}
