/**
 * Reference fields of the homebrew form: an ARIA combobox (WAI-ARIA 1.2, list autocomplete)
 * whose listbox holds the catalog rows whose name contains the typed text, searched in the
 * database as you type (`list` with `nameContains`). The field shows the chosen row's name and
 * stores what the column takes: its id, or for a spell's classes the class names in lower case.
 *
 * Keys: typing or ArrowDown opens the list, ArrowUp/ArrowDown move, Enter chooses, Escape closes
 * (a second Escape restores the chosen name), Tab leaves. Leaving the field with text that names
 * no chosen row puts the chosen row's name back; leaving it empty clears the value.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { optionText, referenceById, searchReferences, type ReferenceKind, type ReferenceRow } from './references';

export type CommonInputProps = {
  id: string;
  name: string;
  'aria-invalid': 'true' | 'false';
  'aria-describedby': string | undefined;
  'aria-required': 'true' | undefined;
  onBlur(): void;
};

interface SearchState {
  rows: ReferenceRow[];
  total: number;
  state: 'idle' | 'loading' | 'ok' | 'error';
  message?: string;
}

/** The rows matching `text` while `active`, debounced; stale answers are dropped. */
function useReferenceSearch(kind: ReferenceKind, text: string, active: boolean, filter: Readonly<Record<string, unknown>>): SearchState {
  const [state, setState] = useState<SearchState>({ rows: [], total: 0, state: 'idle' });
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    if (!active) return;
    let current = true;
    setState((previous) => ({ ...previous, state: 'loading' }));
    const timer = setTimeout(() => {
      void searchReferences(kind, text, filter).then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { rows: result.data.rows, total: result.data.total, state: 'ok' }
            : { rows: [], total: 0, state: 'error', message: result.error.message },
        );
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, text, active, filterKey]);
  return state;
}

interface ComboboxProps {
  common: CommonInputProps;
  /** The field's label: the listbox is called "<label>: matches". */
  label: string;
  kind: ReferenceKind;
  filter: Readonly<Record<string, unknown>>;
  /** The text the input shows when the user is not typing (the chosen row's name). */
  chosenText: string;
  /** Rows already chosen (left out of the list). */
  isExcluded?(row: ReferenceRow): boolean;
  /** Offers the typed text itself as a last option ("Add “…”"), for lists that take any name. */
  freeEntry?: boolean;
  onPick(row: ReferenceRow): void;
  /** The user left the field with it emptied. */
  onEmptied(): void;
  readOnly?: boolean;
  /** After a pick, the input empties (adding to a list) instead of showing the name. */
  clearOnPick?: boolean;
}

function Combobox({ common, label, kind, filter, chosenText, isExcluded, freeEntry = false, onPick, onEmptied, readOnly = false, clearOnPick = false }: ComboboxProps) {
  const [text, setText] = useState(chosenText);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${common.id}-options`;
  const search = useReferenceSearch(kind, editing ? text : '', open, filter);
  const typed = text.trim();
  const found = search.rows.filter((row) => !isExcluded?.(row));
  const offerTyped =
    freeEntry && editing && typed !== '' && search.state !== 'loading' && !search.rows.some((row) => row.name.toLowerCase() === typed.toLowerCase());
  const rows: ReferenceRow[] = offerTyped ? [...found, { id: typed.toLowerCase(), name: typed }] : found;
  const listRef = useRef<HTMLUListElement>(null);

  // The shown name follows the stored value while the user is not typing.
  useEffect(() => {
    if (!editing) setText(chosenText);
  }, [chosenText, editing]);
  useEffect(() => setActive(rows.length > 0 ? 0 : -1), [search.rows, offerTyped]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (row: ReferenceRow): void => {
    onPick(row);
    setEditing(false);
    setOpen(false);
    setText(clearOnPick ? '' : row.name);
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (readOnly) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(i + 1, rows.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter': {
        // Enter in an open list chooses; it never submits the form from here.
        const row = rows[active];
        if (open && row) {
          event.preventDefault();
          pick(row);
        } else if (open) event.preventDefault();
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (editing) {
          event.preventDefault();
          setEditing(false);
          setText(chosenText);
        }
        break;
    }
  };

  const activeId = open && active >= 0 && rows[active] ? `${listId}-${active}` : undefined;
  return (
    <div class="combobox">
      <input
        {...common}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={activeId}
        readOnly={readOnly}
        value={text}
        placeholder={clearOnPick ? 'Type to add…' : 'Type to search by name…'}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setEditing(true);
          setOpen(true);
        }}
        onClick={() => {
          if (!readOnly) setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          if (editing) {
            setEditing(false);
            if (text.trim() === '' && !clearOnPick) onEmptied();
            else setText(clearOnPick ? '' : chosenText);
          }
          common.onBlur();
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label}: matches`} class="combobox-list" hidden={!open} ref={listRef}>
        {rows.map((row, i) => (
          <li
            key={row.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active ? 'true' : 'false'}
            class={i === active ? 'active' : undefined}
            // mousedown, not click: the input keeps focus, so blur does not reset the text first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(row);
            }}
          >
            {offerTyped && i === rows.length - 1 ? `Add “${row.name}” as written` : optionText(kind, row)}
          </li>
        ))}
        {open && search.state === 'ok' && rows.length === 0 && typed !== '' && (
          <li role="option" aria-disabled="true" aria-selected="false" class="combobox-empty">
            No {kind === 'ruleSystems' ? 'rule system' : 'row'} matches “{text}”.
          </li>
        )}
        {open && search.state === 'ok' && search.total > search.rows.length && (
          <li role="option" aria-disabled="true" aria-selected="false" class="combobox-more">
            {search.total - search.rows.length} more: type more of the name.
          </li>
        )}
        {open && search.state === 'error' && (
          <li role="option" aria-disabled="true" aria-selected="false" class="combobox-empty">
            The search failed: {search.message}
          </li>
        )}
      </ul>
    </div>
  );
}

export interface ReferencePickerProps {
  common: CommonInputProps;
  label: string;
  kind: ReferenceKind;
  filter?: Readonly<Record<string, unknown>>;
  /** The stored id ('' for none). */
  value: string;
  readOnly?: boolean;
  /** `row` is the chosen row (undefined when the field was emptied). */
  onChange(value: string, row?: ReferenceRow): void;
  /** Id of the element that says which row is chosen (part of the input's description). */
  chosenId: string;
}

/** One row's id, chosen by name. */
export function ReferencePicker({ common, label, kind, filter = {}, value, readOnly = false, onChange, chosenId }: ReferencePickerProps) {
  const [chosen, setChosen] = useState<ReferenceRow | undefined>();
  const [missing, setMissing] = useState(false);
  // The name of a stored id (an edited row, or a value set by the form itself such as the rule
  // system following the source).
  useEffect(() => {
    if (value === '') {
      setChosen(undefined);
      setMissing(false);
      return;
    }
    if (chosen?.id === value) return;
    let current = true;
    void referenceById(kind, value).then((row) => {
      if (!current) return;
      setChosen(row);
      setMissing(row === undefined);
    });
    return () => {
      current = false;
    };
  }, [kind, value]);

  const describedBy = [common['aria-describedby'], chosenId].filter(Boolean).join(' ');
  return (
    <>
      <Combobox
        common={{ ...common, 'aria-describedby': describedBy }}
        label={label}
        kind={kind}
        filter={filter}
        readOnly={readOnly}
        chosenText={chosen?.id === value ? chosen.name : value}
        onPick={(row) => {
          setChosen(row);
          setMissing(false);
          onChange(row.id, row);
        }}
        onEmptied={() => onChange('')}
      />
      <p class="field-chosen" id={chosenId}>
        {value === '' ? 'None chosen.' : missing ? `Id ${value}: not in the catalog.` : chosen ? `Chosen: ${optionText(kind, chosen)}, id ${chosen.id}.` : `Id ${value}.`}
      </p>
    </>
  );
}

export interface ReferenceListPickerProps {
  common: CommonInputProps;
  kind: ReferenceKind;
  filter?: Readonly<Record<string, unknown>>;
  /** The stored values, comma-separated as the form keeps lists. */
  value: string;
  /** What a chosen row stores: its id, or its name in lower case (a spell's classes). */
  stores: 'id' | 'lowercaseName';
  label: string;
  onChange(value: string): void;
}

/** Several rows (a spell's classes): the chosen ones as a list with "Remove", and a combobox to add. */
export function ReferenceListPicker({ common, kind, filter = {}, value, stores, label, onChange }: ReferenceListPickerProps) {
  const values = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const stored = (row: ReferenceRow): string => (stores === 'id' ? row.id : row.name.toLowerCase());
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const shown = (v: string): string => names[v] ?? (stores === 'lowercaseName' ? v.replace(/(^|[\s(/-])\p{L}/gu, (m) => m.toUpperCase()) : v);
  return (
    <div class="reference-list">
      {values.length > 0 ? (
        <ul class="reference-chosen" aria-label={`${label}: chosen`}>
          {values.map((v) => (
            <li key={v}>
              <span>{shown(v)}</span>
              <button
                type="button"
                aria-label={`Remove ${shown(v)}`}
                onClick={() => onChange(values.filter((other) => other !== v).join(', '))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="field-chosen">None chosen.</p>
      )}
      <Combobox
        common={common}
        label={label}
        kind={kind}
        filter={filter}
        chosenText=""
        clearOnPick
        freeEntry={stores === 'lowercaseName'}
        isExcluded={(row) => values.includes(stored(row))}
        onPick={(row) => {
          const v = stored(row);
          setNames((previous) => ({ ...previous, [v]: row.name }));
          if (!values.includes(v)) onChange([...values, v].join(', '));
        }}
        onEmptied={() => undefined}
      />
    </div>
  );
}
