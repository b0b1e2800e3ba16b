/**
 * Plain text from 5etools entries, for search columns (background `feature_text`): `{@tag …}`
 * markup is reduced to the text a reader sees, nested entries are flattened one paragraph per line.
 */
import { isRecord } from './raw';

const ATTACK_TYPES: Record<string, string> = {
  mw: 'Melee Weapon Attack:',
  rw: 'Ranged Weapon Attack:',
  'mw,rw': 'Melee or Ranged Weapon Attack:',
  'rw,mw': 'Melee or Ranged Weapon Attack:',
  ms: 'Melee Spell Attack:',
  rs: 'Ranged Spell Attack:',
  'ms,rs': 'Melee or Ranged Spell Attack:',
  m: 'Melee Attack Roll:',
  r: 'Ranged Attack Roll:',
  'm,r': 'Melee or Ranged Attack Roll:',
};

/** Tags whose text is fixed. */
const FIXED: Record<string, string> = {
  h: 'Hit: ',
  m: 'Miss: ',
  hom: 'Hit or Miss: ',
  actTrigger: 'Trigger:',
  actResponse: 'Response:',
  actSaveFail: 'Failure:',
  actSaveSuccess: 'Success:',
  actSaveSuccessOrFail: 'Failure or Success:',
};

/** Reference tags whose display text is not the third part: `{@classFeature name|class|src|level|src|display}`. */
const DISPLAY_INDEX: Record<string, number> = { classFeature: 5, subclassFeature: 7, quickref: 4 };

/** Formatting and link tags: the text is the first part (`{@filter shown|page|query}`, `{@link shown|url}`). */
const FIRST_PART = new Set([
  'b', 'bold', 'i', 'italic', 'u', 'underline', 's', 'strike', 'note', 'tip', 'code', 'sup', 'sub', 'kbd', 'font', 'style',
  'color', 'highlight', 'help', 'footnote', 'filter', 'link', '5etools', 'book', 'adventure', 'area', 'homebrew', 'loader',
]);

function tagText(tag: string, content: string): string {
  if (tag in FIXED) return FIXED[tag] as string;
  const parts = content.split('|').map((p) => p.trim());
  const first = parts[0] ?? '';
  switch (tag) {
    case 'atk':
    case 'atkr':
      return ATTACK_TYPES[first] ?? 'Attack:';
    case 'hit':
      return /^\d/.test(first) ? `+${first}` : first;
    case 'dc':
      return `DC ${parts[1] ?? first}`;
    case 'recharge':
      return first === '' || first === '6' ? '(Recharge 6)' : `(Recharge ${first}–6)`;
    case 'chance':
      return parts[1] || `${first} percent`;
    case 'dice':
    case 'damage':
    case 'd20':
    case 'autodice':
      return parts[1] || first;
    case 'scaledice':
    case 'scaledamage':
      return parts[3] || parts[2] || first;
    case 'actSave':
      return `${first.charAt(0).toUpperCase()}${first.slice(1)} Saving Throw:`;
    default: {
      if (FIRST_PART.has(tag)) return first;
      const at = DISPLAY_INDEX[tag];
      if (at !== undefined) return parts[at] || first;
      // References (spell, item, creature, condition …): `{@item longsword|phb|longswords}`
      // displays its third part when given, else the first.
      return parts.length >= 3 && parts[2] ? parts[2] : first;
    }
  }
}

/** `"{@damage 8d6} fire damage, {@dc 15}"` → `"8d6 fire damage, DC 15"`. */
export function stripTags(text: string): string {
  let out = text;
  // Innermost tags first, so nested markup ({@note see {@spell x}}) resolves.
  const innermost = /\{@(\w+)(?:\s([^{}]*))?\}/g;
  for (let guard = 0; guard < 50 && out.includes('{@'); guard++) {
    const next = out.replace(innermost, (_m, tag: string, content: string | undefined) => tagText(tag, content ?? ''));
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The text of entries, one paragraph per line, with markup stripped. */
export function entriesToText(value: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      lines.push(stripTags(node));
      return;
    }
    if (typeof node === 'number') {
      lines.push(String(node));
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isRecord(node)) return;
    if (node['type'] === 'item' && typeof node['name'] === 'string' && typeof node['entry'] === 'string') {
      lines.push(`${stripTags(node['name'])} ${stripTags(node['entry'])}`);
      return;
    }
    if (typeof node['name'] === 'string') lines.push(stripTags(node['name']));
    if (typeof node['caption'] === 'string') lines.push(stripTags(node['caption']));
    if (Array.isArray(node['colLabels'])) lines.push(node['colLabels'].map((c) => (typeof c === 'string' ? stripTags(c) : '')).join(' | '));
    if (Array.isArray(node['rows'])) {
      for (const row of node['rows']) {
        if (Array.isArray(row)) lines.push(row.map((cell) => entriesToText(cell)).join(' | '));
      }
    }
    for (const key of ['entry', 'headerEntries', 'entries', 'items', 'footerEntries']) walk(node[key]);
  };
  walk(value);
  return lines.filter((line) => line.trim() !== '').join('\n');
}
