/**
 * Import a 5etools data folder: choose it with the system's folder dialog, follow the import
 * stage by stage (`import:progress`), cancel it, read what it did, and look back at earlier
 * imports (the import log).
 */
import { useRef, useState } from 'preact/hooks';
import type { AppError } from '../../../src-shared/errors';
import { IMPORT_STAGES, type ImportProgress, type ImportResult, type ImportStage } from '../../../src-shared/import-types';
import { useMimirEvent } from '../app/api';
import { ImportHistory } from './ImportHistory';
import { ImportSummary } from './ImportSummary';
import './import.css';

type Run =
  | { state: 'idle' }
  | { state: 'running'; cancelling: boolean }
  | { state: 'done'; result: ImportResult }
  | { state: 'failed'; error: AppError };

const STAGE_WORDS: Record<ImportStage, { name: string; unit: string }> = {
  reading: { name: 'Reading files', unit: 'files' },
  resolving: { name: 'Resolving copies and versions', unit: 'records' },
  mapping: { name: 'Mapping records to rows', unit: 'kinds' },
  writing: { name: 'Writing to the catalog', unit: 'rows' },
};

export function ImportView() {
  const [folder, setFolder] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [dialogError, setDialogError] = useState<string | undefined>();
  /** The latest progress of each stage seen in this run. */
  const [progress, setProgress] = useState<Partial<Record<ImportStage, ImportProgress>>>({});
  const [current, setCurrent] = useState<ImportStage | undefined>();
  const running = useRef(false);

  useMimirEvent('import:progress', (event) => {
    if (!running.current) return;
    setCurrent(event.stage);
    setProgress((previous) => ({ ...previous, [event.stage]: event }));
  });

  async function choose(): Promise<void> {
    setDialogError(undefined);
    const result = await window.mimir.dialog.chooseFolder({ title: 'Choose a 5etools data folder' });
    if (!result.ok) setDialogError(result.error.message);
    else if (result.data !== null) setFolder(result.data);
  }

  async function start(): Promise<void> {
    if (folder === null || running.current) return;
    running.current = true;
    setProgress({});
    setCurrent(undefined);
    setRun({ state: 'running', cancelling: false });
    try {
      const result = await window.mimir.import.fiveEtools({ dataDir: folder });
      setRun(result.ok ? { state: 'done', result: result.data } : { state: 'failed', error: result.error });
    } catch (error) {
      setRun({ state: 'failed', error: { code: 'Internal', message: error instanceof Error ? error.message : String(error), details: {} } });
    } finally {
      running.current = false;
    }
  }

  async function cancel(): Promise<void> {
    setRun((previous) => (previous.state === 'running' ? { ...previous, cancelling: true } : previous));
    const result = await window.mimir.import.cancel();
    // Nothing was running any more: the import's own answer arrives (or arrived) as usual.
    if (!result.ok) setRun({ state: 'failed', error: result.error });
  }

  const isRunning = run.state === 'running';
  return (
    <section class="import-view" aria-labelledby="import-heading">
      <h2 id="import-heading">Import 5etools data</h2>
      <p>
        Choose the <code>data</code> folder of a 5etools release (it holds <code>spells/</code>, <code>bestiary/</code>,{' '}
        <code>items.json</code> …). Rows imported before are updated; rows you made or edited are kept as they are.
      </p>
      <div class="import-controls">
        <button type="button" onClick={() => void choose()} disabled={isRunning}>
          Choose folder…
        </button>
        <p class="import-folder">
          {folder === null ? 'No folder chosen.' : (
            <>
              Folder: <code>{folder}</code>
            </>
          )}
        </p>
        <button type="button" onClick={() => void start()} disabled={folder === null || isRunning}>
          Start import
        </button>
        {isRunning && (
          <button type="button" onClick={() => void cancel()} disabled={run.cancelling}>
            {run.cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        )}
      </div>
      {dialogError && <p role="alert">{dialogError}</p>}

      {(isRunning || Object.keys(progress).length > 0) && run.state !== 'failed' && (
        <section aria-labelledby="import-progress-heading" class="import-progress">
          <h3 id="import-progress-heading">Progress</h3>
          <ol>
            {IMPORT_STAGES.map((stage) => {
              const seen = progress[stage];
              const words = STAGE_WORDS[stage];
              const state = seen === undefined ? 'waiting' : stage === current && isRunning ? 'running' : 'done';
              const label = `${words.name}: ${seen ? `${seen.done} of ${seen.total} ${words.unit}` : 'waiting'}${seen?.kind ? ` (${seen.kind})` : ''}`;
              return (
                <li key={stage} class={`stage stage-${state}`}>
                  <span id={`stage-${stage}`}>{label}</span>
                  <progress aria-labelledby={`stage-${stage}`} max={Math.max(seen?.total ?? 1, 1)} value={seen ? seen.done : 0} />
                </li>
              );
            })}
          </ol>
          <p aria-live="polite">{isRunning ? (run.cancelling ? 'Cancelling the import…' : 'Importing…') : ''}</p>
        </section>
      )}

      {run.state === 'failed' && <ImportFailure error={run.error} />}
      {run.state === 'done' && <ImportSummary result={run.result} />}
      <ImportHistory />
    </section>
  );
}

function ImportFailure({ error }: { error: AppError }) {
  if (error.code === 'Cancelled') {
    return (
      <div role="alert" class="import-outcome">
        <h3>Import cancelled</h3>
        <p>The import was stopped before it finished. Nothing of it was written: the catalog is as it was before.</p>
      </div>
    );
  }
  return (
    <div role="alert" class="import-outcome">
      <h3>Import failed</h3>
      <p>{error.message}</p>
      {/* The importer writes in one transaction: a failed read or write leaves nothing behind. */}
      {(error.code === 'ValidationFailed' || error.code === 'Internal' || error.code === 'Busy') && (
        <p>Nothing was written: the catalog is as it was before.</p>
      )}
    </div>
  );
}
