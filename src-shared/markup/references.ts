/**
 * The entries a piece of text names: every reference tag (`{@spell fireball|XPHB}`,
 * `{@creature goblin}`, `{@condition frightened}` …), nested ones included, with the name,
 * the source as written (or the tag's default source) and the text a reader sees.
 */
import { REFERENCE_TAGS, type CatalogKind, type RulesTermType } from './tags';
import { markupToText } from './text';
import { parseMarkup, walkTags, type TagNode } from './tokenizer';

export interface MarkupReference {
  /** The tag name: `spell`, `creature`, `condition`, `subclass` … */
  tag: string;
  /** The catalog table it points at, when Mimir stores that kind. */
  catalogKind?: CatalogKind;
  /** For a rules term (`{@condition}`, `{@variantrule}` …): its term type. */
  termType?: RulesTermType;
  /** The name as written (first part), reduced to plain text and trimmed. */
  name: string;
  /** The source as written, or undefined when the tag names none. */
  source?: string;
  /** The source to look the name up in: the written one, else the tag's default source. */
  effectiveSource: string;
  /** What a reader sees. */
  display: string;
  /** The tag as written, braces included. */
  raw: string;
  /** `subclass` only: the class the subclass belongs to, and that class's source. */
  className?: string;
  classSource?: string;
}

function referenceOf(node: TagNode): MarkupReference | undefined {
  const info = REFERENCE_TAGS[node.tag];
  if (!info) return undefined;
  const name = markupToText(node.parts[0] ?? '').trim();
  if (name === '') return undefined;
  const written = (node.parts[info.sourceIndex] ?? '').trim();
  const display = markupToText(node.parts[info.displayIndex] || node.parts[0] || '').trim();
  const reference: MarkupReference = {
    tag: node.tag,
    name,
    effectiveSource: written || info.defaultSource,
    display,
    raw: node.raw,
    ...(info.catalogKind ? { catalogKind: info.catalogKind } : {}),
    ...(info.termType ? { termType: info.termType } : {}),
    ...(written ? { source: written } : {}),
  };
  if (node.tag === 'subclass') {
    const className = (node.parts[1] ?? '').trim();
    const classSource = (node.parts[2] ?? '').trim();
    if (className) reference.className = className;
    reference.classSource = classSource || info.defaultSource;
  }
  return reference;
}

/** The references in one string, in order of appearance (outer tags before nested ones). */
export function markupReferences(input: string): MarkupReference[] {
  const found: MarkupReference[] = [];
  walkTags(parseMarkup(input), (node) => {
    const reference = referenceOf(node);
    if (reference) found.push(reference);
  });
  return found;
}

/**
 * The references in every string anywhere inside a JSON value (entries, stat-block sections,
 * spellcasting spell lists …). Object keys are not searched; depth is bounded.
 */
export function referencesIn(value: unknown): MarkupReference[] {
  const found: MarkupReference[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof node === 'string') {
      if (node.includes('{@')) found.push(...markupReferences(node));
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
    } else if (typeof node === 'object' && node !== null) {
      for (const item of Object.values(node)) walk(item, depth + 1);
    }
  };
  walk(value, 0);
  return found;
}
