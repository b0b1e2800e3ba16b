/** The global search (Ctrl+K or `/`). (Placeholder of the scaffold: ui-content builds it.) */
export interface SearchPaletteProps {
  open: boolean;
  onClose(): void;
}

export function SearchPalette({ open, onClose }: SearchPaletteProps) {
  if (!open) return null;
  return (
    <div role="dialog" aria-modal="true" aria-label="Search the catalog" class="search-palette">
      <input
        type="search"
        aria-label="Search"
        autoFocus
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      />
    </div>
  );
}
