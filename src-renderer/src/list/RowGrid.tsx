/**
 * A virtualized, keyboard-operable grid of rows (ARIA `grid`): only the rows in view (plus a few)
 * are in the DOM, positioned inside a spacer as tall as all rows, while `aria-rowcount` and
 * `aria-rowindex` tell assistive technology where they are in the whole result. Column headers
 * with a sort key are buttons (`aria-sort` says the current order).
 *
 * Keys (focus on a row): ↑ ↓ move, Page Up / Page Down by a screen, Home / End to the ends,
 * Enter or Space opens the row, Escape closes the open one.
 */
import { memo } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useVirtualizer } from './useVirtualizer';

/** Fixed row height in CSS pixels (the stylesheet's `--row-height`). */
export const ROW_HEIGHT = 32;

export interface GridColumn<R> {
  label: string;
  width: number;
  value(row: R): string;
  /** Present when the column sorts; `direction` when it is the current order. */
  sort?: { active: false } | { active: true; direction: 'asc' | 'desc' };
}

export interface RowGridProps<R> {
  label: string;
  columns: readonly GridColumn<R>[];
  total: number;
  row(index: number): R | undefined;
  rowId(row: R): string;
  /** Short notes after the first cell's text ("Reprinted in XPHB"): text, so rows can be memoized. */
  marks?(row: R): readonly string[];
  selectedId: string | undefined;
  onOpen(row: R, index: number): void;
  onClose(): void;
  onSort(columnIndex: number): void;
  /** Rows `start`…`end` are about to show: fetch them. */
  onRange(start: number, end: number): void;
  /** Changes when the rows answer a different question: the cursor and scroll go back to the top. */
  resetKey: string;
  /**
   * The rows shown are about to be replaced (a new query's answer is on its way): clicks on rows
   * are ignored, so a click aimed at a row never opens the row that replaces it.
   */
  pending?: boolean;
  /** Changes each time the rows shown are replaced; a click pressed on the old rows is ignored. */
  generation?: number;
  /** Called with a function that moves focus into the grid (the search box uses it for ↓). */
  focusHandle?(focus: () => void): void;
}

export function RowGrid<R>(props: RowGridProps<R>) {
  const { columns, total, row } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const wantFocus = useRef(false);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const template = columns.map((c) => `${c.width}fr`).join(' ');
  const activeIndex = Math.min(active, Math.max(0, total - 1));

  useLayoutEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [props.resetKey]);

  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
  // A plain effect (after the frame is painted): while scrolling, asking for the next page never
  // delays the frame that shows the rows already loaded.
  useEffect(() => {
    if (first !== undefined && last !== undefined) props.onRange(first, last);
  });

  // Focus follows the cursor once its row is rendered (after scrolling it into view).
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (element) {
      wantFocus.current = false;
      element.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const element = scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`);
    if (element) element.focus({ preventScroll: true });
    // Not rendered yet: focus it once the scroll has brought it in (the layout effect above).
    else wantFocus.current = true;
  };
  props.focusHandle?.(() => moveTo(activeIndex));

  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent): void => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + pageRows),
      PageUp: () => moveTo(activeIndex - pageRows),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => open(activeIndex),
      ' ': () => open(activeIndex),
      Escape: () => props.onClose(),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };
  const open = (index: number): void => {
    const item = row(index);
    if (item !== undefined) props.onOpen(item, index);
  };

  // Row handlers read the latest state through a ref, so memoized rows need not re-render when
  // the grid does (a page arriving, the cursor moving elsewhere).
  const pressedGeneration = useRef<number | undefined>(undefined);
  const latest = useRef({ open, setActive, activeIndex, pending: props.pending ?? false, generation: props.generation ?? 0 });
  latest.current = { open, setActive, activeIndex, pending: props.pending ?? false, generation: props.generation ?? 0 };
  const handlers = useRef<RowHandlers>({
    press: () => {
      pressedGeneration.current = latest.current.generation;
    },
    click: (index) => {
      const now = latest.current;
      const pressedOn = pressedGeneration.current;
      pressedGeneration.current = undefined;
      // Pressed while other rows were shown, or a new answer is about to replace these: the row
      // under the pointer is not the one that was aimed at.
      if (now.pending || (pressedOn !== undefined && pressedOn !== now.generation)) return;
      now.setActive(index);
      now.open(index);
    },
    focus: (index) => {
      if (index !== latest.current.activeIndex) latest.current.setActive(index);
    },
  }).current;

  const activeRendered = items.some((item) => item.index === activeIndex);
  const columnsKey = columns.map((c) => c.label).join('\u0000');
  return (
    <div
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-busy={props.pending ? true : undefined}
      class="row-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="grid-head">
        <div role="row" aria-rowindex={1} class="grid-row" style={{ gridTemplateColumns: template }}>
          {columns.map((column, index) => (
            <div
              key={column.label}
              role="columnheader"
              aria-colindex={index + 1}
              aria-sort={column.sort?.active ? (column.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.sort ? (
                <button type="button" class="sort-button" onClick={() => props.onSort(index)}>
                  {column.label}
                  <span aria-hidden="true" class="sort-mark">
                    {column.sort.active ? (column.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              ) : (
                column.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        class="grid-scroll"
        // The grid stays reachable by Tab when the cursor row is scrolled out of the DOM.
        tabIndex={activeRendered || total === 0 ? -1 : 0}
        onFocus={(event) => {
          if (event.target === event.currentTarget) moveTo(activeIndex);
        }}
      >
        <div role="rowgroup" class="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const value = row(item.index);
            const id = value === undefined ? undefined : props.rowId(value);
            const marks = value === undefined ? NO_MARKS : (props.marks?.(value) ?? NO_MARKS);
            return (
              <GridRow
                // Keyed by position: the focused row keeps its DOM element (and so the focus) when
                // its page arrives or the rows are refreshed.
                key={item.key}
                index={item.index}
                start={item.start}
                value={value}
                cells={columns as readonly GridColumn<unknown>[]}
                columnsKey={columnsKey}
                template={template}
                selected={id !== undefined && id === props.selectedId}
                active={item.index === activeIndex}
                marks={marks}
                marksKey={marks.join('\u0000')}
                handlers={handlers}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const NO_MARKS: readonly string[] = [];

interface RowHandlers {
  press(): void;
  click(index: number): void;
  focus(index: number): void;
}

interface GridRowProps {
  index: number;
  start: number;
  value: unknown;
  cells: readonly GridColumn<unknown>[];
  /** Identifies `cells` (their labels): cell functions of one kind's list never change. */
  columnsKey: string;
  template: string;
  selected: boolean;
  active: boolean;
  marks: readonly string[];
  marksKey: string;
  handlers: RowHandlers;
}

/**
 * One row, re-rendered only when what it shows changes: scrolling renders the rows that come into
 * view, not all of them, and a page arriving renders only the rows that were loading.
 */
const GridRow = memo(
  function GridRow({ index, start, value, cells, template, selected, active, marks, handlers }: GridRowProps) {
    return (
      <div
        role="row"
        data-index={index}
        aria-rowindex={index + 2}
        aria-selected={selected}
        tabIndex={active ? 0 : -1}
        class={active ? 'grid-row grid-row-active' : 'grid-row'}
        style={{ gridTemplateColumns: template, transform: `translateY(${start}px)` }}
        onPointerDown={handlers.press}
        onClick={() => handlers.click(index)}
        onFocus={() => handlers.focus(index)}
      >
        {value === undefined ? (
          <div role="gridcell" aria-colindex={1} class="grid-loading">
            Loading…
          </div>
        ) : (
          cells.map((column, cell) => (
            <div key={column.label} role="gridcell" aria-colindex={cell + 1} class={cell === 0 ? 'grid-first-cell' : undefined}>
              <span class="cell-text">{column.value(value)}</span>
              {cell === 0 &&
                marks.map((mark) => (
                  <span key={mark} class="printings-mark">
                    {mark}
                  </span>
                ))}
            </div>
          ))
        )}
      </div>
    );
  },
  (a, b) =>
    a.index === b.index &&
    a.start === b.start &&
    a.value === b.value &&
    a.selected === b.selected &&
    a.active === b.active &&
    a.template === b.template &&
    a.columnsKey === b.columnsKey &&
    a.marksKey === b.marksKey &&
    a.handlers === b.handlers,
);
