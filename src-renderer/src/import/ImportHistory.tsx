/** Earlier imports, newest first, from the import log (updated when an import ends). */
import { useApi, useCatalogVersion } from '../app/api';

const STATUS_WORDS: Record<string, string> = {
  running: 'Running',
  success: 'Finished',
  partial: 'Finished, records skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const HISTORY_SIZE = 20;

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function ImportHistory() {
  const version = useCatalogVersion();
  const log = useApi(() => window.mimir.importLog.list({ sort: { by: 'startedAt', direction: 'desc' }, limit: HISTORY_SIZE }), [version]);
  return (
    <section aria-labelledby="import-history-heading" class="import-history">
      <h3 id="import-history-heading">Earlier imports</h3>
      {log.state === 'error' && <p role="alert">{log.error.message}</p>}
      {log.data && log.data.items.length === 0 && <p>No imports yet.</p>}
      {log.data && log.data.items.length > 0 && (
        <table>
          <caption>
            The last {Math.min(log.data.items.length, HISTORY_SIZE)} of {log.data.total} imports
          </caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Folder</th>
              <th scope="col">Result</th>
              <th scope="col">Records imported</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((entry) => (
              <tr key={entry.id}>
                <td>{when(entry.startedAt)}</td>
                <td>
                  <code>{entry.filePath}</code>
                </td>
                <td>{STATUS_WORDS[entry.importStatus] ?? entry.importStatus}</td>
                <td>
                  {entry.recordsImported} of {entry.recordsProcessed}
                </td>
                <td>{entry.errorMessage ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
