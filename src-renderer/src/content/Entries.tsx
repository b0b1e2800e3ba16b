/**
 * 5etools `entries` as a reader of the book sees them: paragraphs, named sections, lists,
 * tables, insets and read-aloud boxes, quotes, options, inline entries, spell save DC and attack
 * modifier lines, and any other entry type as the text it holds (never as JSON). Any value may be
 * passed: malformed or unknown input renders what text it has and never throws.
 */
import type { ComponentChildren, JSX } from 'preact';
import { Component } from 'preact';
import { ABILITY_NAMES as ABILITY_LABELS } from '../../../src-shared/catalog/labels';
import { entryLines } from '../../../src-shared/markup';
import type { LinkResolver } from './links';
import { Markup, ResolverContext } from './Markup';
import './content.css';

export interface EntriesProps {
  entries: unknown;
  /** Finds the rows tags name; without it, entity tags show as unresolved text. */
  resolve?: LinkResolver;
  /**
   * Nesting level the entries start at: 0 for a row's rules text (named entries become headings),
   * 2 for stat-block traits and actions (names run into their first paragraph, as printed).
   */
  depth?: number;
}

/**
 * Nesting deeper than this shows the text it holds as plain paragraphs (the catalog stores JSON
 * up to 100 levels deep, MAX_JSON_DEPTH; a form preview may hold anything).
 */
const MAX_DEPTH = 100;

type EntryRecord = Record<string, unknown>;

function isRecord(value: unknown): value is EntryRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

const ABILITY_NAMES: Readonly<Record<string, string>> = ABILITY_LABELS;

/** `["int", "wis"]` → "Intelligence or Wisdom" (5etools' abilityDc wording). */
function abilityList(value: unknown): string {
  const names = list(value).map((code) => (typeof code === 'string' ? ABILITY_NAMES[code] ?? code : '')).filter(Boolean);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Where headings start: a detail view's own title is h2, its sections h3. */
function Heading({ depth, children }: { depth: number; children: ComponentChildren }): JSX.Element {
  if (depth <= 0) return <h3 class="entry-heading">{children}</h3>;
  if (depth === 1) return <h4 class="entry-heading">{children}</h4>;
  return <h5 class="entry-heading">{children}</h5>;
}

interface NodeProps {
  value: unknown;
  depth: number;
}

function EntryList({ values, depth }: { values: unknown; depth: number }): JSX.Element {
  return (
    <>
      {list(values).map((value, index) => (
        <EntryNode key={index} value={value} depth={depth} />
      ))}
    </>
  );
}

/** A named entry whose name runs into its first paragraph ("***Keen Smell.*** The wolf …"). */
function InlineTitled({ name, entries, depth }: { name: string; entries: unknown[]; depth: number }): JSX.Element {
  const [first, ...rest] = entries;
  return (
    <div class="entry-inline-titled">
      {typeof first === 'string' ? (
        <p>
          <strong class="entry-title">
            <em>
              <Markup text={name} />.
            </em>
          </strong>{' '}
          <Markup text={first} />
        </p>
      ) : (
        <>
          <p>
            <strong class="entry-title">
              <em>
                <Markup text={name} />.
              </em>
            </strong>
          </p>
          {first !== undefined && <EntryNode value={first} depth={depth + 1} />}
        </>
      )}
      <EntryList values={rest} depth={depth + 1} />
    </div>
  );
}

function Section({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const name = str(node['name']);
  const entries = list(node['entries']);
  if (name && depth >= 2) return <InlineTitled name={name} entries={entries} depth={depth} />;
  return (
    <section class="entry-section">
      {name && (
        <Heading depth={depth}>
          <Markup text={name} />
        </Heading>
      )}
      <EntryList values={entries} depth={depth + 1} />
    </section>
  );
}

function ListItem({ value, depth }: NodeProps): JSX.Element {
  if (isRecord(value) && (value['type'] === 'item' || value['type'] === 'itemSub' || value['type'] === 'itemSpell')) {
    const name = str(value['name']);
    const body = value['entry'] !== undefined ? [value['entry']] : list(value['entries']);
    const [first, ...rest] = body;
    return (
      <li>
        {name && (
          <strong class="entry-title">
            <Markup text={name} />
            {/[.:!?]$/.test(name.trim()) ? '' : '.'}
          </strong>
        )}{' '}
        {typeof first === 'string' ? <Markup text={first} /> : first !== undefined && <EntryNode value={first} depth={depth + 1} />}
        <EntryList values={rest} depth={depth + 1} />
      </li>
    );
  }
  return <li>{typeof value === 'string' ? <Markup text={value} /> : <EntryNode value={value} depth={depth + 1} />}</li>;
}

function ListEntry({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const style = str(node['style']) ?? '';
  const name = str(node['name']);
  return (
    <div class="entry-list">
      {name && (
        <p class="entry-list-name">
          <strong>
            <Markup text={name} />
          </strong>
        </p>
      )}
      <ul class={style.includes('hang') || style.includes('no-bullets') ? 'entry-list-plain' : undefined}>
        {list(node['items']).map((item, index) => (
          <ListItem key={index} value={item} depth={depth} />
        ))}
      </ul>
    </div>
  );
}

/** A table cell: a string, an entry, or `{type: "cell", roll: {exact | min, max}, entry}`. */
function Cell({ value, depth }: NodeProps): JSX.Element {
  if (isRecord(value) && value['type'] === 'cell') {
    const roll = value['roll'];
    if (isRecord(roll)) {
      const text =
        typeof roll['exact'] === 'number'
          ? String(roll['exact'])
          : typeof roll['min'] === 'number' && typeof roll['max'] === 'number'
            ? `${roll['min']}\u2013${roll['max']}`
            : '';
      return <>{text}</>;
    }
    return <Inline value={value['entry'] ?? value['entries']} depth={depth} />;
  }
  return <Inline value={value} depth={depth} />;
}

/** Table cells and inline entries: strings stay inline, anything else renders as a block inside. */
function Inline({ value, depth }: NodeProps): JSX.Element {
  if (typeof value === 'string') return <Markup text={value} />;
  if (typeof value === 'number') return <>{String(value)}</>;
  if (Array.isArray(value)) {
    return (
      <>
        {value.map((item, index) => (
          <Inline key={index} value={item} depth={depth} />
        ))}
      </>
    );
  }
  return <EntryNode value={value} depth={depth + 1} />;
}

function TableEntry({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const caption = str(node['caption']) ?? str(node['name']);
  const labels = list(node['colLabels']);
  const rows = list(node['rows']);
  return (
    <div class="entry-table-wrap">
      <table class="entry-table">
        {caption && (
          <caption>
            <Markup text={caption} />
          </caption>
        )}
        {labels.length > 0 && (
          <thead>
            <tr>
              {labels.map((label, index) => (
                <th key={index} scope="col">
                  <Inline value={label} depth={depth} />
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row, index) => {
            const cells = Array.isArray(row) ? row : isRecord(row) ? list(row['row']) : [row];
            return (
              <tr key={index}>
                {cells.map((cell, column) => (
                  <td key={column}>
                    <Cell value={cell} depth={depth} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {node['footnotes'] !== undefined && (
        <div class="entry-table-footnotes">
          <EntryList values={node['footnotes']} depth={depth + 1} />
        </div>
      )}
    </div>
  );
}

function Inset({ node, depth, readAloud }: { node: EntryRecord; depth: number; readAloud: boolean }): JSX.Element {
  const name = str(node['name']);
  return (
    <aside class={readAloud ? 'entry-read-aloud' : 'entry-inset'} aria-label={name ?? (readAloud ? 'Read aloud' : 'Sidebar')}>
      {name && (
        <p class="entry-inset-title">
          <strong>
            <Markup text={name} />
          </strong>
        </p>
      )}
      <EntryList values={node['entries']} depth={depth + 1} />
    </aside>
  );
}

function Quote({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const by = str(node['by']);
  const from = str(node['from']);
  return (
    <figure class="entry-quote">
      <blockquote>
        <EntryList values={node['entries']} depth={depth + 1} />
      </blockquote>
      {(by || from) && (
        <figcaption>
          {'\u2014 '}
          {by && <Markup text={by} />}
          {by && from && ', '}
          {from && (
            <cite>
              <Markup text={from} />
            </cite>
          )}
        </figcaption>
      )}
    </figure>
  );
}

/** "Spell save DC = 8 + your proficiency bonus + your Wisdom modifier". */
function AbilityLine({ node, label, base }: { node: EntryRecord; label: string; base: string }): JSX.Element {
  const name = str(node['name']) ?? '';
  return (
    <p class="entry-ability-line">
      <strong>
        <Markup text={name} /> {label}
      </strong>{' '}
      = {base}your {abilityList(node['attributes'])} modifier
    </p>
  );
}

function Variant({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const name = str(node['name']);
  const inner = node['type'] !== 'variant';
  return (
    <aside class="entry-inset" aria-label={name ? `Variant: ${name}` : 'Variant'}>
      <p class="entry-inset-title">
        <strong>
          {inner ? '' : 'Variant: '}
          {name && <Markup text={name} />}
        </strong>
      </p>
      <EntryList values={node['entries']} depth={depth + 1} />
    </aside>
  );
}

/** Spellcasting blocks (creatures): header text, spells by frequency or level, footer text. */
function Spellcasting({ node, depth }: { node: EntryRecord; depth: number }): JSX.Element {
  const name = str(node['name']) ?? 'Spellcasting';
  const spells = (value: unknown): JSX.Element => (
    <>
      {list(value).map((spell, index) => (
        <span key={index}>
          {index > 0 && ', '}
          {typeof spell === 'string' ? <Markup text={spell} /> : isRecord(spell) && typeof spell['entry'] === 'string' ? <Markup text={spell['entry']} /> : null}
        </span>
      ))}
    </>
  );
  const lines: JSX.Element[] = [];
  if (node['will'] !== undefined) lines.push(<li key="will">At will: {spells(node['will'])}</li>);
  for (const key of ['daily', 'rest', 'restLong', 'weekly', 'monthly', 'yearly', 'charges', 'legendary'] as const) {
    const frequency = node[key];
    if (!isRecord(frequency)) continue;
    const per = key === 'daily' ? 'day' : key === 'weekly' ? 'week' : key === 'monthly' ? 'month' : key === 'yearly' ? 'year' : key === 'restLong' ? 'long rest' : key;
    for (const [count, value] of Object.entries(frequency)) {
      const each = count.endsWith('e');
      lines.push(
        <li key={`${key}-${count}`}>
          {count.replace(/e$/, '')}/{per}
          {each ? ' each' : ''}: {spells(value)}
        </li>,
      );
    }
  }
  if (isRecord(node['spells'])) {
    for (const [level, group] of Object.entries(node['spells'])) {
      if (!isRecord(group)) continue;
      const slots = typeof group['slots'] === 'number' ? ` (${group['slots']} slot${group['slots'] === 1 ? '' : 's'})` : '';
      const label = level === '0' ? 'Cantrips (at will)' : `${ordinalLevel(level)} level${slots}`;
      lines.push(
        <li key={`level-${level}`}>
          {label}: {spells(group['spells'])}
        </li>,
      );
    }
  }
  if (node['ritual'] !== undefined) lines.push(<li key="ritual">Rituals: {spells(node['ritual'])}</li>);
  return (
    <div class="entry-spellcasting">
      <InlineTitled name={name} entries={list(node['headerEntries'])} depth={depth} />
      {lines.length > 0 && <ul class="entry-list-plain">{lines}</ul>}
      <EntryList values={node['footerEntries']} depth={depth + 1} />
    </div>
  );
}

function ordinalLevel(level: string): string {
  const n = Number(level);
  if (!Number.isInteger(n)) return level;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** An entry type this renderer does not know: the text it holds, paragraph by paragraph. */
function Fallback({ node }: { node: unknown }): JSX.Element {
  const lines = entryLines(node);
  return (
    <div class="entry-generic">
      {lines.map((line, index) => (
        <p key={index}>{line.markup ? <Markup text={line.text} /> : line.text}</p>
      ))}
    </div>
  );
}

function EntryNode({ value, depth }: NodeProps): JSX.Element | null {
  if (typeof value === 'string') {
    return value.trim() === '' ? null : (
      <p>
        <Markup text={value} />
      </p>
    );
  }
  if (typeof value === 'number') return <p>{String(value)}</p>;
  if (Array.isArray(value)) return <EntryList values={value} depth={depth} />;
  if (!isRecord(value)) return null;
  if (depth > MAX_DEPTH) return <Fallback node={value} />;
  const type = typeof value['type'] === 'string' ? value['type'] : value['entries'] !== undefined ? 'entries' : '';
  switch (type) {
    case 'entries':
    case 'section':
      return <Section node={value} depth={depth} />;
    case 'list':
      return <ListEntry node={value} depth={depth} />;
    case 'item':
    case 'itemSub':
    case 'itemSpell':
      return (
        <ul class="entry-list-plain">
          <ListItem value={value} depth={depth} />
        </ul>
      );
    case 'table':
      return <TableEntry node={value} depth={depth} />;
    case 'tableGroup':
      return (
        <>
          {str(value['name']) && (
            <Heading depth={depth}>
              <Markup text={value['name'] as string} />
            </Heading>
          )}
          {list(value['tables']).map((table, index) => (
            <EntryNode key={index} value={table} depth={depth + 1} />
          ))}
        </>
      );
    case 'inset':
      return <Inset node={value} depth={depth} readAloud={false} />;
    case 'insetReadaloud':
      return <Inset node={value} depth={depth} readAloud />;
    case 'quote':
      return <Quote node={value} depth={depth} />;
    case 'options':
      return (
        <div class="entry-options" role="group" aria-label={str(value['name']) ?? 'Options'}>
          {list(value['entries']).map((option, index) => (
            <EntryNode key={index} value={option} depth={Math.max(depth, 2)} />
          ))}
        </div>
      );
    case 'inline':
    case 'inlineBlock':
      return (
        <p>
          <Inline value={value['entries']} depth={depth} />
        </p>
      );
    case 'abilityDc':
      return <AbilityLine node={value} label="save DC" base="8 + your proficiency bonus + " />;
    case 'abilityAttackMod':
      return <AbilityLine node={value} label="attack modifier" base="your proficiency bonus + " />;
    case 'abilityGeneric':
      return (
        <p class="entry-ability-line">
          {str(value['name']) && (
            <strong>
              <Markup text={value['name'] as string} /> ={' '}
            </strong>
          )}
          <Markup text={str(value['text']) ?? ''} /> {abilityList(value['attributes'])}
        </p>
      );
    case 'variant':
    case 'variantInner':
    case 'variantSub':
      return <Variant node={value} depth={depth} />;
    case 'spellcasting':
      return <Spellcasting node={value} depth={depth} />;
    case 'hr':
      return <hr />;
    case 'link':
      return <Markup text={str(value['text']) ?? ''} />;
    case 'bonus':
    case 'bonusSpeed':
      return typeof value['value'] === 'number' ? (
        <>
          {value['value'] >= 0 ? '+' : ''}
          {value['value']}
          {type === 'bonusSpeed' ? ' ft.' : ''}
        </>
      ) : null;
    case 'image':
      return str(value['title']) ? (
        <p class="entry-image-title">
          <Markup text={value['title'] as string} />
        </p>
      ) : null;
    default:
      return <Fallback node={value} />;
  }
}

interface BoundaryState {
  failed: boolean;
}

/** Last line of defence: a renderer bug on some entry shows that entry's text, never a blank view. */
class EntriesBoundary extends Component<{ entries: unknown; children: ComponentChildren }, BoundaryState> {
  override state: BoundaryState = { failed: false };
  static override getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }
  override componentDidUpdate(previous: { entries: unknown }): void {
    if (previous.entries !== this.props.entries && this.state.failed) this.setState({ failed: false });
  }
  override render(): ComponentChildren {
    return this.state.failed ? <Fallback node={this.props.entries} /> : this.props.children;
  }
}

/** Renders any 5etools entries value (an array, one entry, a string, or anything else) safely. */
export function Entries(props: EntriesProps): JSX.Element {
  const body = (
    <div class="entries">
      <EntriesBoundary entries={props.entries}>
        <EntryNode value={props.entries} depth={props.depth ?? 0} />
      </EntriesBoundary>
    </div>
  );
  return props.resolve ? <ResolverContext.Provider value={props.resolve}>{body}</ResolverContext.Provider> : body;
}

export type { LinkResolver, LinkTarget } from './links';
