/**
 * The global search (Ctrl+K or `/` from anywhere): `search:query` as the user types (debounced;
 * an answer to an older query is dropped), ranked hits labelled by kind with the highlighted
 * snippet, arrows to move, Enter to open the hit in the browser, Escape to close. An ARIA
 * combobox in a modal dialog: the input owns the listbox of results and names the active option.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit, SearchKind } from '../../../src-shared/search';
import { navigate } from '../app/router';
import { searchQuery } from '../detail/references';
import './search.css';

export interface SearchPaletteProps {
  open: boolean;
  onClose(): void;
}

/** Quiet time after a keystroke before the query is sent. */
export const SEARCH_DEBOUNCE_MS = 120;
const RESULT_LIMIT = 30;

const KIND_LABELS: Readonly<Record<SearchKind, string>> = {
  spells: 'Spell',
  creatures: 'Creature',
  items: 'Item',
  races: 'Race',
  classes: 'Class',
  backgrounds: 'Background',
  feats: 'Feat',
};

type State =
  | { state: 'idle' }
  | { state: 'loading'; hits: SearchHit[] }
  | { state: 'ok'; hits: SearchHit[]; text: string; hasMore: boolean }
  | { state: 'error'; message: string; hits: SearchHit[] };

/** The snippet with its matched ranges marked. Ranges out of bounds or overlapping are clamped, never trusted. */
export function Snippet({ text, highlights }: { text: string; highlights: readonly [number, number][] }): JSX.Element {
  const parts: JSX.Element[] = [];
  let at = 0;
  const ranges = [...highlights].filter(([a, b]) => Number.isInteger(a) && Number.isInteger(b) && b > a).sort((x, y) => x[0] - y[0]);
  for (const [start, end] of ranges) {
    const a = Math.max(at, Math.min(start, text.length));
    const b = Math.max(a, Math.min(end, text.length));
    if (a > at) parts.push(<span key={`t${at}`}>{text.slice(at, a)}</span>);
    if (b > a) parts.push(<mark key={`m${a}`} data-testid="search-highlight">{text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{text.slice(at)}</span>);
  return <span class="search-snippet">{parts}</span>;
}

export function SearchPalette({ open, onClose }: SearchPaletteProps) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<State>({ state: 'idle' });
  const [active, setActive] = useState(0);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);

  // Focus moves into the dialog on open and back to where it was on close.
  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement;
    input.current?.focus();
    input.current?.select();
    return () => {
      const previous = returnFocus.current;
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const query = text.trim();
    const id = ++latest.current;
    if (query === '') {
      setResult({ state: 'idle' });
      return;
    }
    setResult((previous) => ({ state: 'loading', hits: 'hits' in previous ? previous.hits : [] }));
    const timer = setTimeout(() => {
      searchQuery({ text: query, limit: RESULT_LIMIT }).then(
        (answer) => {
          if (id !== latest.current) return; // a newer query was typed meanwhile
          if (answer.ok) {
            setResult({ state: 'ok', hits: answer.data.hits, text: query, hasMore: answer.data.hasMore });
            setActive(0);
          } else setResult({ state: 'error', message: answer.error.message, hits: [] });
        },
        (error: unknown) => {
          if (id === latest.current) setResult({ state: 'error', message: error instanceof Error ? error.message : String(error), hits: [] });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, open]);

  if (!open) return null;

  const hits = 'hits' in result ? result.hits : [];
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const openHit = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    onClose();
    navigate({ view: 'browse', kind: hit.kind, params: {}, selected: hit.id });
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        onClose();
        return;
      case 'ArrowDown':
        event.preventDefault();
        if (hits.length > 0) setActive((activeIndex + 1) % hits.length);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (hits.length > 0) setActive((activeIndex - 1 + hits.length) % hits.length);
        return;
      case 'Home':
      case 'End':
        if (hits.length > 0 && event.ctrlKey) {
          event.preventDefault();
          setActive(event.key === 'Home' ? 0 : hits.length - 1);
        }
        return;
      case 'Enter':
        event.preventDefault();
        openHit(hits[activeIndex]);
        return;
      case 'Tab':
        // A modal dialog keeps focus; the input is its only focusable control (options are chosen with the arrows).
        event.preventDefault();
        return;
    }
  };
  const optionId = (index: number): string => `search-hit-${index}`;
  const status =
    result.state === 'idle'
      ? 'Type to search every kind: names and rules text.'
      : result.state === 'loading'
        ? 'Searching\u2026'
        : result.state === 'error'
          ? result.message
          : hits.length === 0
            ? `No results for \u201c${result.text}\u201d.`
            : `${hits.length}${result.hasMore ? '+' : ''} result${hits.length === 1 ? '' : 's'} for \u201c${result.text}\u201d.`;

  return (
    <div
      class="search-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Search the catalog"
        class="search-palette"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && event.target !== input.current) onClose();
        }}
      >
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Search"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(activeIndex) : undefined}
          placeholder="Search spells, creatures, items… (in:spells, source:PHB, -word)"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        {/* A live region, not role="status": the status line stays the page's one status. */}
        <p aria-live="polite" data-testid="search-status" class={result.state === 'error' ? 'search-status search-error' : 'search-status'}>
          {status}
        </p>
        <ul role="listbox" id="search-results" aria-label="Results" class="search-results">
          {hits.map((hit, index) => (
            <li
              key={`${hit.kind}/${hit.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              class={index === activeIndex ? 'search-hit active' : 'search-hit'}
              onMouseMove={() => {
                if (index !== activeIndex) setActive(index);
              }}
              onClick={() => openHit(hit)}
            >
              <span class="search-hit-head">
                <span class="search-hit-name">{hit.name}</span>
                <span class="search-hit-kind">{KIND_LABELS[hit.kind] ?? hit.kind}</span>
                <span class="search-hit-source">{hit.source}</span>
              </span>
              {hit.snippet && <Snippet text={hit.snippet} highlights={hit.highlights} />}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
