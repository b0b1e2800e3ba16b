/**
 * The homebrew entry points of a browse view: "New <kind>" for the kind shown, and "Edit" /
 * "Delete" for the selected row. Deleting asks once; a refusal (rows that still belong to this
 * one) is shown as the API words it: "3 subraces still belong to Elf".
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppError } from '../../../src-shared/errors';
import { useApi, useCatalogVersion } from '../app/api';
import { navigate, useRoute } from '../app/router';
import type { BrowseKind } from '../app/route';
import { getRow, rowLabel } from '../kinds/rows';
import { KIND_WORDS } from './fields';
import { deleteRow } from './writes';
import './forms.css';

export interface RowActionsProps {
  kind: BrowseKind;
  /** The selected row, if any. */
  id?: string;
}

/** What the last delete did; a refusal is shown while its row stays selected. */
type Outcome = { kind: 'refused'; id: string; error: AppError } | { kind: 'deleted'; name: string };

export function RowActions({ kind, id }: RowActionsProps) {
  const route = useRoute();
  const version = useCatalogVersion();
  const words = KIND_WORDS[kind];
  const [confirming, setConfirming] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const row = useApi(() => (id === undefined ? Promise.resolve({ ok: true as const, data: undefined }) : getRow(kind, id)), [kind, id, version]);
  const name = row.data ? rowLabel(row.data) : id;
  const confirmingThis = confirming !== undefined && confirming === id;
  // Closing the question without deleting gives the focus back to the Delete button.
  const deleteButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus > 0) deleteButton.current?.focus();
  }, [refocus]);
  const keep = (): void => {
    setConfirming(undefined);
    setRefocus((n) => n + 1);
  };

  async function remove(): Promise<void> {
    if (id === undefined) return;
    setBusy(true);
    const result = await deleteRow(kind, id);
    setBusy(false);
    setConfirming(undefined);
    if (!result.ok) {
      setOutcome({ kind: 'refused', id, error: result.error });
      return;
    }
    setOutcome({ kind: 'deleted', name: name ?? id });
    const params = route.view === 'browse' ? route.params : {};
    navigate({ view: 'browse', kind, params });
  }

  const clearOutcome = (): void => setOutcome(undefined);
  return (
    <div class="row-actions" role="group" aria-label={`Homebrew ${words.many}`}>
      <button type="button" onClick={() => navigate({ view: 'new', kind })}>
        New {words.one}
      </button>
      {id !== undefined && !confirmingThis && (
        <>
          <button type="button" onClick={() => navigate({ view: 'edit', kind, id })} aria-label={`Edit ${name ?? id}`}>
            Edit
          </button>
          <button
            ref={deleteButton}
            type="button"
            onClick={() => {
              clearOutcome();
              setConfirming(id);
            }}
            aria-label={`Delete ${name ?? id}`}
          >
            Delete
          </button>
        </>
      )}
      {id !== undefined && confirmingThis && (
        <div
          role="alertdialog"
          aria-labelledby="delete-question"
          class="row-actions-message"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              keep();
            }
          }}
        >
          <p id="delete-question">
            Delete the {words.one} {name}? This cannot be undone.
          </p>
          <button type="button" disabled={busy} onClick={() => void remove()}>
            Yes, delete {name}
          </button>
          <button type="button" autoFocus onClick={keep}>
            Keep it
          </button>
        </div>
      )}
      {/* A live region without the status role: the app's status line is the page's one status. */}
      <div class="row-actions-message" aria-live="polite">
        {outcome?.kind === 'deleted' && <p>Deleted {outcome.name}.</p>}
      </div>
      {outcome?.kind === 'refused' && outcome.id === id && (
        <div class="row-actions-message" role="alert">
          <p>{outcome.error.message}</p>
        </div>
      )}
    </div>
  );
}
