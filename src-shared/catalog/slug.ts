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
