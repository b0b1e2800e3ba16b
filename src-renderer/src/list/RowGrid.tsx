/**
 * A virtualized, keyboard-operable grid of rows (ARIA `grid`): only the rows in view (plus a few)
 * are in the DOM, positioned inside a spacer as tall as all rows, while `aria-rowcount` and
 * `aria-rowindex` tell assistive technology where they are in the whole result. Column headers
 * with a sort key are buttons (`aria-sort` says the current order).
 *
 * Keys (focus on a row): ↑ ↓ move, Page Up / Page Down by a screen, Home / End to the ends,
 * Enter or Space opens the row, Escape closes the open one.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
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
  /** Extra content after the first cell's text (the printings marker). */
  decorate?(row: R): JSX.Element | null;
  selectedId: string | undefined;
  onOpen(row: R, index: number): void;
  onClose(): void;
  onSort(columnIndex: number): void;
  /** Rows `start`…`end` are about to show: fetch them. */
  onRange(start: number, end: number): void;
  /** Changes when the rows answer a different question: the cursor and scroll go back to the top. */
  resetKey: string;
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

  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [props.resetKey]);

  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
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
    wantFocus.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
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

  const activeRendered = items.some((item) => item.index === activeIndex);
  return (
    <div role="grid" aria-label={props.label} aria-rowcount={total + 1} aria-colcount={columns.length} class="row-grid" onKeyDown={onKeyDown}>
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
            return (
              <div
                key={item.key}
                role="row"
                data-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={id !== undefined && id === props.selectedId}
                tabIndex={item.index === activeIndex ? 0 : -1}
                class={item.index === activeIndex ? 'grid-row grid-row-active' : 'grid-row'}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setActive(item.index);
                  open(item.index);
                }}
                onFocus={() => {
                  if (item.index !== activeIndex) setActive(item.index);
                }}
              >
                {value === undefined ? (
                  <div role="gridcell" aria-colindex={1} class="grid-loading">
                    Loading…
                  </div>
                ) : (
                  columns.map((column, index) => (
                    <div key={column.label} role="gridcell" aria-colindex={index + 1}>
                      {column.value(value)}
                      {index === 0 && props.decorate?.(value)}
                    </div>
                  ))
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
