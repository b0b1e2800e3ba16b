/**
 * The slug rule of row ids (the importer's `recordId` and the homebrew form's suggested ids):
 * Unicode folded to ASCII, lower-cased, "+" spelled "plus", apostrophes dropped, every other run
 * of characters outside [a-z0-9] becomes one "-", no leading or trailing "-". Pure code, shared
 * by the main process and the renderer.
 */
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

/**
 * A name folded for comparison: diacritics removed, lower case, letters and digits only, so
 * "Fire Ball", "fireball" and "Fireball" fold alike ("fireball"). The reference resolver, the
 * search index and the renderer's link resolver all compare names through this one rule.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
