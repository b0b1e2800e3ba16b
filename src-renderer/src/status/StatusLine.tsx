/**
 * The status line: catalog file (from app:info), schema version and row counts (db:status, read
 * again on every change), and "Backups…", which opens the backups screen. It says plainly when the
 * database failed (`db:failed`, or a status call refused) and shows the latest refused operation
 * any screen announced. When the catalog reports its file damaged (`Corrupt` …), it offers
 * "Restore the newest backup" right there (the backups screen, asking to restore the newest one).
 */
import { useState } from 'preact/hooks';
import { useApi, useCatalogVersion, useMimirEvent } from '../app/api';
import { dismissNotice, useNotice } from '../app/notices';
import { BackupsDialog } from '../backups/BackupsDialog';
import { advisesRestore } from '../backups/describe';

const COUNTED: [key: string, label: string][] = [
  ['spells', 'spells'],
  ['creatures', 'creatures'],
  ['items', 'items'],
  ['sources', 'sources'],
];

export function StatusLine() {
  const version = useCatalogVersion();
  const [failure, setFailure] = useState<string | null>(null);
  useMimirEvent('db:failed', (payload) => setFailure(payload.message));
  const status = useApi(() => window.mimir.db.status(), [version]);
  const info = useApi(() => window.mimir.app.info(), []);
  const notice = useNotice();
  const [backups, setBackups] = useState<null | { confirmNewest: boolean }>(null);
  const damaged = status.state === 'error' && advisesRestore(status.error);

  let text = 'Loading…';
  if (status.state === 'error') text = 'Catalog unavailable';
  else if (status.data) {
    const { schemaVersion, latestVersion, counts } = status.data;
    text =
      `Schema version ${schemaVersion} of ${latestVersion} · ` +
      COUNTED.map(([key, label]) => `${(counts[key] ?? 0).toLocaleString('en-US')} ${label}`).join(', ');
  }
  const file = info.data?.catalogFile ?? status.data?.file;
  return (
    <footer class="status-line">
      <div class="status-main">
        <p role="status">
          {file !== undefined && <span class="status-file" title={file}>{file} · </span>}
          {text}
        </p>
        <button type="button" class="status-backups" onClick={() => setBackups({ confirmNewest: false })}>
          Backups…
        </button>
      </div>
      {(failure !== null || status.state === 'error') && (
        <p role="alert" class="status-failure">
          {failure !== null
            ? `The catalog service stopped and could not be restarted: ${failure}. Nothing can be read or saved until Mimir is restarted.`
            : `The catalog could not be read: ${status.state === 'error' ? status.error.message : ''}`}
          {damaged && failure === null && (
            <>
              {' '}
              <button type="button" onClick={() => setBackups({ confirmNewest: true })}>
                Restore the newest backup
              </button>
            </>
          )}
        </p>
      )}
      {notice !== null && (
        <p role="alert" class="status-notice">
          {notice}{' '}
          <button type="button" onClick={dismissNotice}>
            Dismiss
          </button>
        </p>
      )}
      <BackupsDialog open={backups !== null} confirmNewest={backups?.confirmNewest ?? false} onClose={() => setBackups(null)} />
    </footer>
  );
}
