/**
 * Inline 5etools markup (`{@tag …}`) as a reader of the book sees it, through the one shared
 * tokenizer (src-shared/markup): styling tags become styled text, dice and attack tags their
 * printed text, and tags naming an entry a link to the catalog row (or marked text when the
 * catalog does not have it). The display text of every tag comes from `displayMarkup`, the
 * same rules search and the importer use.
 */
import type { ComponentChildren, JSX } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { displayMarkup, parseMarkup, REFERENCE_TAGS, type MarkupNode, type TagNode } from '../../../src-shared/markup';
import { EntityLink, UnresolvedLink } from './EntityLink';
import { referenceOfRaw, type LinkResolver } from './links';

/** The resolver of the entries being shown; links below it read it from here. */
export const ResolverContext = createContext<LinkResolver | undefined>(undefined);

/** Deeper display-text expansion than this is shown as plain text. */
const MAX_DEPTH = 16;

const STYLE_TAGS: Readonly<Record<string, (children: ComponentChildren) => JSX.Element>> = {
  b: (c) => <strong>{c}</strong>,
  bold: (c) => <strong>{c}</strong>,
  i: (c) => <em>{c}</em>,
  italic: (c) => <em>{c}</em>,
  s: (c) => <s>{c}</s>,
  strike: (c) => <s>{c}</s>,
  s2: (c) => <s class="double">{c}</s>,
  strikeDouble: (c) => <s class="double">{c}</s>,
  u: (c) => <u>{c}</u>,
  underline: (c) => <u>{c}</u>,
  u2: (c) => <u class="double">{c}</u>,
  underlineDouble: (c) => <u class="double">{c}</u>,
  sup: (c) => <sup>{c}</sup>,
  sub: (c) => <sub>{c}</sub>,
  kbd: (c) => <kbd>{c}</kbd>,
  code: (c) => <code>{c}</code>,
  note: (c) => <span class="markup-note">{c}</span>,
  tip: (c) => <span class="markup-note">{c}</span>,
  highlight: (c) => <mark>{c}</mark>,
};

/** Rolls and numbers a reader rolls or reads off: printed as in the book, set apart. */
const ROLL_TAGS: ReadonlySet<string> = new Set([
  'dice', 'autodice', 'damage', 'd20', 'hit', 'dc', 'chance', 'recharge', 'scaledice', 'scaledamage',
  'ability', 'savingThrow', 'skillCheck', 'initiative', 'coinflip', 'hitYourSpellAttack', 'dcYourSpellSave',
]);

/** Attack and saving-throw labels of stat blocks ("Melee Weapon Attack:", "Hit:"), italic as printed. */
const LABEL_TAGS: ReadonlySet<string> = new Set([
  'atk', 'atkr', 'h', 'm', 'hom', 'actSave', 'actSaveFail', 'actSaveFailBy', 'actSaveSuccess', 'actSaveSuccessOrFail',
  'actTrigger', 'actResponse',
]);

interface RenderState {
  depth: number;
  /** Inside a link: nested reference tags show their text only (no link inside a link). */
  inLink: boolean;
  resolve: LinkResolver | undefined;
}

function renderNodes(nodes: readonly MarkupNode[], state: RenderState): ComponentChildren[] {
  return nodes.map((node, index) => (node.type === 'text' ? node.text : <TagView key={index} node={node} state={state} />));
}

function renderMarkup(text: string, state: RenderState): ComponentChildren[] {
  if (state.depth >= MAX_DEPTH) return [text];
  return renderNodes(parseMarkup(text), { ...state, depth: state.depth + 1 });
}

function TagView({ node, state }: { node: TagNode; state: RenderState }): JSX.Element {
  const style = STYLE_TAGS[node.tag];
  if (style) return style(renderNodes(node.children[0] ?? [], { ...state, depth: state.depth + 1 }));
  const display = displayMarkup(node.tag, node.parts);
  if (ROLL_TAGS.has(node.tag)) return <span class="markup-roll">{renderMarkup(display, state)}</span>;
  if (LABEL_TAGS.has(node.tag)) return <em class="markup-label">{renderMarkup(display, state)}</em>;
  if (REFERENCE_TAGS[node.tag] !== undefined) {
    const reference = referenceOfRaw(node.raw);
    const text = renderMarkup(display, { ...state, inLink: true });
    if (!reference || state.inLink) return <>{text}</>;
    const target = reference.catalogKind ? state.resolve?.(reference) : undefined;
    if (target) return <EntityLink target={target}>{text}</EntityLink>;
    return <UnresolvedLink reference={reference}>{text}</UnresolvedLink>;
  }
  // Links to 5etools pages, filters, books, footnotes, template variables and tags of newer
  // releases: their display text, plainly.
  return <>{renderMarkup(display, state)}</>;
}

/** One string of 5etools text with its markup rendered. Never throws on malformed markup. */
export function Markup({ text }: { text: string }): JSX.Element {
  const resolve = useContext(ResolverContext);
  if (typeof text !== 'string') return <></>;
  return <>{renderNodes(parseMarkup(text), { depth: 0, inLink: false, resolve })}</>;
}
