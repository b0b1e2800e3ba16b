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

/**
 * The text of 5etools entries, one paragraph per line, markup reduced: names of sub-entries,
 * paragraphs, list items, table captions, headers and cells, quotes and their author, spell
 * lists of spellcasting blocks. Anything else (numbers aside) is skipped. Never throws.
 */
export function entriesToText(value: unknown): string {
  const lines: string[] = [];
  const line = (text: string) => {
    if (text.trim() !== '') lines.push(text);
  };
  const walk = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof node === 'string') return line(markupToText(node));
    if (typeof node === 'number') return line(String(node));
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    const name = typeof node['name'] === 'string' ? markupToText(node['name']) : '';
    if (node['type'] === 'item' && typeof node['entry'] === 'string') {
      line(name ? `${name} ${markupToText(node['entry'])}` : markupToText(node['entry']));
      return;
    }
    if (name) line(name);
    if (typeof node['caption'] === 'string') line(markupToText(node['caption']));
    if (typeof node['text'] === 'string') line(markupToText(node['text']));
    if (Array.isArray(node['colLabels'])) {
      line(node['colLabels'].map((label) => (typeof label === 'string' ? markupToText(label) : '')).join(' | '));
    }
    if (Array.isArray(node['rows'])) {
      for (const row of node['rows']) {
        const cells = Array.isArray(row) ? row : isRecord(row) && Array.isArray(row['row']) ? row['row'] : undefined;
        if (cells) line(cells.map((cell) => entriesToText(isRecord(cell) && cell['type'] === 'cell' ? cell['entry'] ?? '' : cell).replace(/\n/g, ' ')).join(' | '));
      }
    }
    for (const key of NESTED_KEYS) walk(node[key], depth + 1);
    if (node['type'] === 'spellcasting') spellcastingLines(node, line);
    if (node['type'] === 'quote' && typeof node['by'] === 'string') line(`\u2014 ${markupToText(node['by'])}`);
  };
  walk(value, 0);
  return lines.join('\n');
}
