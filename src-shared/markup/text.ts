/**
 * Plain text as a reader sees it: markup reduced to display text, and nested 5etools `entries`
 * flattened one paragraph per line.
 */
import { displayMarkup } from './tags';
import { parseMarkup, type MarkupNode } from './tokenizer';

function renderNodes(nodes: readonly MarkupNode[], depth: number, out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node.text);
      continue;
    }
    const display = displayMarkup(node.tag, node.parts);
    // The display text is markup in its own right (`{@note see {@spell x}}`); a depth bound
    // stops a display part from expanding into itself forever.
    if (depth < 16 && display.includes('{')) renderNodes(parseMarkup(display), depth + 1, out);
    else out.push(display);
  }
}

/** `"{@damage 8d6} fire damage, {@dc 15}"` → `"8d6 fire damage, DC 15"`. Never throws. */
export function markupToText(input: string | readonly MarkupNode[]): string {
  if (typeof input === 'string' && !input.includes('{@') && !input.includes('{=')) return input;
  const nodes = typeof input === 'string' ? parseMarkup(input) : input;
  const out: string[] = [];
  renderNodes(nodes, 0, out);
  return out.join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of an entry object that hold nested entries, in reading order. */
const NESTED_KEYS = ['entry', 'headerEntries', 'entries', 'items', 'footerEntries'] as const;

/** Spellcasting frequency keys and how a reader sees them ("At will: …", "3/day each: …"). */
function spellcastingLines(node: Record<string, unknown>, line: (text: string) => void): void {
  const list = (value: unknown) =>
    (Array.isArray(value) ? value : [])
      .map((spell) => (typeof spell === 'string' ? markupToText(spell) : isRecord(spell) && typeof spell['entry'] === 'string' ? markupToText(spell['entry']) : ''))
      .filter((text) => text !== '')
      .join(', ');
  if (Array.isArray(node['will'])) line(`At will: ${list(node['will'])}`);
  for (const key of ['daily', 'rest', 'weekly', 'monthly', 'yearly', 'charges', 'restLong', 'legendary'] as const) {
    const frequency = node[key];
    if (!isRecord(frequency)) continue;
    const per = key === 'daily' ? 'day' : key === 'weekly' ? 'week' : key === 'restLong' ? 'long rest' : key;
    for (const [count, spells] of Object.entries(frequency)) {
      line(`${count.replace(/e$/, '')}/${per}${count.endsWith('e') ? ' each' : ''}: ${list(spells)}`);
    }
  }
  if (isRecord(node['spells'])) {
    for (const [level, group] of Object.entries(node['spells'])) {
      if (!isRecord(group)) continue;
      const label = level === '0' ? 'Cantrips' : `Level ${level}`;
      line(`${label}: ${list(group['spells'])}`);
    }
  }
  if (Array.isArray(node['ritual'])) line(`Rituals: ${list(node['ritual'])}`);
}

/** One paragraph of entries: still markup (reduce it with markupToText), or already plain. */
export interface EntryLine {
  text: string;
  markup: boolean;
}

/**
 * The paragraphs of 5etools entries in reading order, markup not yet reduced (a caller looking
 * for one word reduces only the lines it needs): names of sub-entries, paragraphs, list items,
 * table captions, headers and cells, quotes and their author, spell lists of spellcasting
 * blocks. Anything else (numbers aside) is skipped. Never throws.
 */
export function entryLines(value: unknown): EntryLine[] {
  const out: EntryLine[] = [];
  collectLines(value, 0, out);
  return out;
}

// A plain recursive walk into one array: nested generators would pass every line through each level.
function collectLines(value: unknown, depth: number, out: EntryLine[]): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push({ text: value, markup: true });
    return;
  }
  if (typeof value === 'number') {
    out.push({ text: String(value), markup: false });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectLines(item, depth + 1, out);
    return;
  }
  if (!isRecord(value)) return;
  const node = value;
  const name = typeof node['name'] === 'string' && node['name'].trim() !== '' ? node['name'] : '';
  if (node['type'] === 'item' && typeof node['entry'] === 'string') {
    out.push({ text: name ? `${name} ${node['entry']}` : node['entry'], markup: true });
    return;
  }
  if (name) out.push({ text: name, markup: true });
  for (const key of ['caption', 'text'] as const) {
    const text = node[key];
    if (typeof text === 'string' && text.trim() !== '') out.push({ text, markup: true });
  }
  if (Array.isArray(node['colLabels'])) {
    out.push({ text: node['colLabels'].map((label) => (typeof label === 'string' ? label : '')).join(' | '), markup: true });
  }
  if (Array.isArray(node['rows'])) {
    for (const row of node['rows']) {
      const cells = Array.isArray(row) ? row : isRecord(row) && Array.isArray(row['row']) ? row['row'] : undefined;
      if (cells) {
        const text = cells
          .map((cell) => entriesToText(isRecord(cell) && cell['type'] === 'cell' ? cell['entry'] ?? '' : cell).replace(/\n/g, ' '))
          .join(' | ');
        if (text.trim() !== '') out.push({ text, markup: false });
      }
    }
  }
  for (const key of NESTED_KEYS) collectLines(node[key], depth + 1, out);
  if (node['type'] === 'spellcasting') spellcastingLines(node, (text) => out.push({ text, markup: false }));
  if (node['type'] === 'quote' && typeof node['by'] === 'string') out.push({ text: `\u2014 ${node['by']}`, markup: true });
}

/** The text of 5etools entries, one paragraph per line, markup reduced (see entryLines). Never throws. */
export function entriesToText(value: unknown): string {
  const lines: string[] = [];
  for (const line of entryLines(value)) {
    const text = line.markup ? markupToText(line.text) : line.text;
    if (text.trim() !== '') lines.push(text);
  }
  return lines.join('\n');
}
