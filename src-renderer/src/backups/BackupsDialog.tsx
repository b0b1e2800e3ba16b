/**
 * The backups screen, a modal dialog opened from the status line: the catalog's verified backups
 * (time, schema version, size, rows) with "Restore" on each, the ones that cannot be restored
 * apart with the reason, and "Back up now". A restore asks first and says what will happen (the
 * current catalog is kept aside, renamed, nothing deleted); while a backup or restore runs every
 * button is disabled and the dialog says what it is doing. Refusals of the main process (Busy,
 * Corrupt, ReadOnly, NotFound …) are shown as sentences. After a restore the main process sends
 * `catalog:changed` for every table, so the list, the detail and the counts read the restored
 * catalog by themselves; this dialog reads its list again the same way.
 *
 * The native <dialog> element in modal mode: focus stays inside, Escape closes it, the page
 * behind is inert.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackupEntry } from '../../../src-shared/contract';
import { useApi, useCatalogVersion } from '../app/api';
import { dismissNotice } from '../app/notices';
import { describeRefusal, describeRestore, fileName, formatBytes, formatCounts, formatTaken } from './describe';
import './backups.css';

export interface BackupsDialogProps {
  open: boolean;
  /** Ask at once to restore the newest verified backup (the status line's offer for a damaged catalog). */
  confirmNewest?: boolean;
  onClose(): void;
}

type Busy = null | { kind: 'backup' } | { kind: 'restore'; entry: BackupEntry };
type Outcome = null | { kind: 'done'; lines: string[] } | { kind: 'refused'; message: string };

export function BackupsDialog({ open, confirmNewest = false, onClose }: BackupsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="backups-dialog"
      aria-labelledby="backups-heading"
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open && <BackupsBody confirmNewest={confirmNewest} onClose={onClose} />}
    </dialog>
  );
}

function BackupsBody({ confirmNewest, onClose }: { confirmNewest: boolean; onClose(): void }) {
  const version = useCatalogVersion();
  const [reload, setReload] = useState(0);
  const list = useApi(() => window.mimir.backups.list(), [version, reload]);
  // The kept-aside file is named after the catalog file (db/probe.ts asideName: `<file>.replaced-<time>`).
  const info = useApi(() => window.mimir.app.info(), []);
  const [busy, setBusy] = useState<Busy>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const askedNewest = useRef(false);
  // The safe answer has focus when the question appears (autofocus only acts when a dialog opens).
  const keepButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);

  const backups = list.data?.backups ?? [];
  const unusable = list.data?.unusable ?? [];
  useEffect(() => {
    if (!confirmNewest || askedNewest.current || list.state !== 'ok') return;
    askedNewest.current = true;
    if (backups[0]) setConfirming(backups[0]);
  }, [confirmNewest, list.state, backups]);

  async function backUp(): Promise<void> {
    setBusy({ kind: 'backup' });
    setOutcome(null);
    setConfirming(null);
    const result = await window.mimir.backups.create();
    setBusy(null);
    setOutcome(result.ok ? { kind: 'done', lines: [`Backup taken: ${result.data.name}.`] } : { kind: 'refused', message: describeRefusal('backup', result.error) });
    setReload((n) => n + 1);
  }

  async function restore(entry: BackupEntry): Promise<void> {
    setBusy({ kind: 'restore', entry });
    setOutcome(null);
    setConfirming(null);
    const result = await window.mimir.backups.restore({ file: entry.file });
    setBusy(null);
    // What screens announced about the replaced catalog (a read that found it damaged …) is over.
    if (result.ok) dismissNotice();
    setOutcome(result.ok ? { kind: 'done', lines: describeRestore(result.data) } : { kind: 'refused', message: describeRefusal('restore', result.error) });
    setReload((n) => n + 1);
  }

  const working = busy !== null;
  return (
    <div class="backups" aria-busy={working ? 'true' : 'false'}>
      <div class="backups-head">
        <h2 id="backups-heading">Backups</h2>
        <button type="button" onClick={onClose} disabled={working}>
          Close
        </button>
      </div>
      <p class="backups-intro">
        Mimir takes a backup before every upgrade of the catalog and keeps the newest five
        {list.data ? (
          <>
            {' '}
            in <code>{list.data.folder}</code>
          </>
        ) : null}
        . A restore puts a backup in place of the catalog; the current catalog is kept aside beside it, renamed, and nothing is
        deleted.
      </p>
      <div class="backups-actions">
        <button type="button" onClick={() => void backUp()} disabled={working}>
          Back up now
        </button>
        <button type="button" onClick={() => void window.mimir.shell.showItemInFolder({ target: 'backups' })} disabled={working}>
          Show the backups folder
        </button>
      </div>

      {/* A live region without the status role: the status line is the page's one status. */}
      <div class="backups-progress" aria-live="polite">
        {busy?.kind === 'backup' && <p>Taking a backup of the catalog…</p>}
        {busy?.kind === 'restore' && (
          <p>Restoring the backup of {formatTaken(busy.entry.createdAt)}: the catalog is closed for a moment and opened again…</p>
        )}
        {outcome?.kind === 'done' && outcome.lines.map((line, i) => <p key={i}>{line}</p>)}
      </div>
      {outcome?.kind === 'refused' && (
        <p role="alert" class="backups-refusal">
          {outcome.message}
        </p>
      )}
      {list.state === 'error' && (
        <p role="alert" class="backups-refusal">
          {describeRefusal('list', list.error)}
        </p>
      )}

      {confirming && (
        <div
          role="alertdialog"
          aria-labelledby="restore-question"
          aria-describedby="restore-consequences"
          class="backups-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              // Escape answers the question; the next one closes the dialog.
              event.preventDefault();
              event.stopPropagation();
              setConfirming(null);
            }
          }}
        >
          <p id="restore-question">
            <strong>Restore the backup of {formatTaken(confirming.createdAt)}?</strong>
          </p>
          <p id="restore-consequences">
            The catalog will be replaced by {confirming.name} (schema version {confirming.schemaVersion}
            {`, ${formatCounts(confirming.counts)}`}). The current catalog is kept aside in its folder, renamed to{' '}
            <code>{fileName(info.data?.catalogFile ?? 'catalog.sqlite')}.replaced-&lt;time of the restore&gt;</code>; nothing is deleted.
            Changes made since the backup will no longer be shown.
          </p>
          <button type="button" onClick={() => void restore(confirming)}>
            Yes, restore this backup
          </button>
          <button type="button" ref={keepButton} onClick={() => setConfirming(null)}>
            Keep the current catalog
          </button>
        </div>
      )}

      <h3 id="backups-verified">Backups that can be restored</h3>
      {list.state === 'loading' && list.data === undefined && <p>Reading the backups…</p>}
      {list.data && backups.length === 0 && <p>There is no backup yet. "Back up now" takes one.</p>}
      {backups.length > 0 && (
        <table class="backups-table" aria-labelledby="backups-verified">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Schema version</th>
              <th scope="col">Size</th>
              <th scope="col">Rows</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((entry) => (
              <tr key={entry.file}>
                <th scope="row" title={entry.name}>
                  {formatTaken(entry.createdAt)}
                </th>
                <td>{entry.schemaVersion}</td>
                <td>{formatBytes(entry.bytes)}</td>
                <td>{formatCounts(entry.counts)}</td>
                <td>
                  <button
                    type="button"
                    disabled={working}
                    aria-label={`Restore the backup of ${formatTaken(entry.createdAt)}`}
                    onClick={() => {
                      setOutcome(null);
                      setConfirming(entry);
                    }}
                  >
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {unusable.length > 0 && (
        <>
          <h3 id="backups-unusable">Backups that cannot be restored</h3>
          <ul class="backups-unusable" aria-labelledby="backups-unusable">
            {unusable.map((entry) => (
              <li key={entry.file}>
                <span class="backups-unusable-name">{entry.name}</span>: {entry.problem}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
