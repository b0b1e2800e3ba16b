/**
 * The one tokenizer for 5etools `{@tag …}` markup, shared by the renderer, the importer and
 * search. Tags nest (`{@note see {@spell fireball}}`), their arguments are separated by `|`
 * (a `|` inside a nested tag, or written `\|`, belongs to the argument), and `{=name}` is a
 * template variable. Plain data, no Node or DOM: every process can use it.
 *
 * Malformed input never throws: a `}` without a tag is text, a tag left open runs to the end of
 * the string, `{@}` (no name) is text, and nesting deeper than MAX_DEPTH is kept as text.
 */

export interface TextNode {
  type: 'text';
  text: string;
}

export interface TagNode {
  type: 'tag';
  /** The tag name without `@`: `spell`, `damage`, `b` … (`=` for a `{=variable}`). */
  tag: string;
  /** Everything after the first space, as written (nested markup included). */
  text: string;
  /** `text` split at its top-level `|` separators, as written, each trimmed of `\|` escapes. */
  parts: string[];
  /** Each part tokenized: the nested markup of argument `i` is `children[i]`. */
  children: MarkupNode[][];
  /** The whole tag as written, braces included. */
  raw: string;
  /** False when the closing `}` was missing and the tag ran to the end of the input. */
  closed: boolean;
}

export type MarkupNode = TextNode | TagNode;

/** Deeper nesting than this is kept as text, so hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 16;

function opensTag(input: string, at: number): boolean {
  const next = input.charCodeAt(at + 1);
  return input.charCodeAt(at) === 123 /* { */ && (next === 64 /* @ */ || next === 61) /* = */;
}

/** Index just past the `}` closing the tag that opens at `start`, or -1 when it is never closed. */
function closingIndex(input: string, start: number): number {
  let depth = 0;
  for (let i = start; i < input.length; i++) {
    if (opensTag(input, i)) {
      depth++;
      i++;
    } else if (input.charCodeAt(i) === 125 /* } */) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits at `|` that is neither inside a nested tag nor escaped as `\|`. */
export function splitParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (opensTag(text, i)) {
      depth++;
      current += char;
    } else if (char === '}') {
      if (depth > 0) depth--;
      current += char;
    } else if (char === '|' && depth === 0) {
      if (text[i - 1] === '\\') current = `${current.slice(0, -1)}|`;
      else {
        parts.push(current);
        current = '';
      }
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function pushText(nodes: MarkupNode[], text: string): void {
  if (text === '') return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

function tokenize(input: string, depth: number): MarkupNode[] {
  const nodes: MarkupNode[] = [];
  let i = 0;
  while (i < input.length) {
    const open = input.indexOf('{', i);
    if (open === -1) {
      pushText(nodes, input.slice(i));
      break;
    }
    if (!opensTag(input, open)) {
      pushText(nodes, input.slice(i, open + 1));
      i = open + 1;
      continue;
    }
    pushText(nodes, input.slice(i, open));
    const close = closingIndex(input, open);
    const end = close === -1 ? input.length : close;
    const raw = input.slice(open, end);
    const inner = input.slice(open + 1, close === -1 ? end : end - 1);
    const tag = parseTag(inner, raw, close !== -1, depth);
    if (tag) nodes.push(tag);
    else pushText(nodes, raw);
    i = end;
  }
  return nodes;
}

/** `inner` is the tag without its braces: `@spell fireball|XPHB` or `=amount`. */
function parseTag(inner: string, raw: string, closed: boolean, depth: number): TagNode | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  let name: string;
  let text: string;
  if (inner.startsWith('=')) {
    name = '=';
    text = inner.slice(1);
  } else {
    const space = inner.search(/\s/);
    name = space === -1 ? inner.slice(1) : inner.slice(1, space);
    text = space === -1 ? '' : inner.slice(space + 1);
    if (name === '' || /[{}|]/.test(name)) return undefined;
  }
  const parts = text.includes('|') ? splitParts(text) : [text];
  return new Tag(name, text, parts, raw, closed, depth);
}

/**
 * A tag node whose arguments are tokenized on first use (`children`): plain-text rendering reads
 * one part of most tags, never all of them. A class, not a plain object with a property getter:
 * V8 gives its instances one shape, where per-object accessors made every node a slow object.
 */
class Tag implements TagNode {
  readonly type = 'tag';
  #children: MarkupNode[][] | undefined;
  readonly #depth: number;

  constructor(
    readonly tag: string,
    readonly text: string,
    readonly parts: string[],
    readonly raw: string,
    readonly closed: boolean,
    depth: number,
  ) {
    this.#depth = depth;
  }

  get children(): MarkupNode[][] {
    return (this.#children ??= this.parts.map((part) => tokenize(part, this.#depth + 1)));
  }

  /** As a plain object, children included (JSON, logs). */
  toJSON(): TagNode {
    return { type: this.type, tag: this.tag, text: this.text, parts: this.parts, children: this.children, raw: this.raw, closed: this.closed };
  }
}

/** Tokenizes a string of 5etools text into text and tag nodes (never throws). */
export function parseMarkup(input: string): MarkupNode[] {
  if (typeof input !== 'string' || input === '') return [];
  if (!input.includes('{')) return [{ type: 'text', text: input }];
  return tokenize(input, 0);
}

/** Calls `visit` for every tag, outer tags before the tags nested in their arguments. */
export function walkTags(nodes: readonly MarkupNode[], visit: (tag: TagNode) => void): void {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    visit(node);
    for (const child of node.children) walkTags(child, visit);
  }
}
