/** The status line: catalog file, schema version, row counts; says plainly when the database failed. */
import { useState } from 'preact/hooks';
import { useApi, useCatalogVersion, useMimirEvent } from '../app/api';

export function StatusLine() {
  const version = useCatalogVersion();
  const [failure, setFailure] = useState<string | null>(null);
  useMimirEvent('db:failed', (payload) => setFailure(payload.message));
  const status = useApi(() => window.mimir.db.status(), [version]);
  let text = 'Loading…';
  if (failure !== null) text = `The catalog service stopped: ${failure}`;
  else if (status.state === 'error') text = `The catalog is unavailable: ${status.error.message}`;
  else if (status.data) {
    const { schemaVersion, latestVersion, counts } = status.data;
    const count = (key: string, label: string): string => `${counts[key] ?? 0} ${label}`;
    text =
      `Schema version ${schemaVersion} of ${latestVersion} · ` +
      [count('spells', 'spells'), count('creatures', 'creatures'), count('items', 'items'), count('sources', 'sources')].join(', ');
  }
  return (
    <footer class="status-line">
      <p role="status">{text}</p>
    </footer>
  );
}
