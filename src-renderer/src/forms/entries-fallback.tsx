/**
 * Stand-in for content/Entries (ui-content's renderer) until that is merged: paragraphs and named
 * sections of 5etools entries as plain text, markup shown as written. Same props as Entries.
 */
export interface EntriesProps {
  entries: unknown;
}

function Node({ value }: { value: unknown }) {
  if (typeof value === 'string') return <p>{value}</p>;
  if (Array.isArray(value)) return <>{value.map((child, i) => <Node key={i} value={child} />)}</>;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const children = record['entries'] ?? record['items'];
    return (
      <div>
        {typeof record['name'] === 'string' && <strong>{record['name']}</strong>}
        {children !== undefined && <Node value={children} />}
      </div>
    );
  }
  return null;
}

export function Entries({ entries }: EntriesProps) {
  return (
    <div class="entries">
      <Node value={entries} />
    </div>
  );
}
