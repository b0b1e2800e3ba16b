/**
 * What an import did: rows inserted, updated, unchanged, removed, kept and skipped per kind;
 * skipped records and warnings grouped by their reason; rows of the user's the import left alone.
 */
import { IMPORT_KINDS, type ImportKind, type ImportResult } from '../../../src-shared/import-types';
import { groupBy, reasonKey } from './grouping';

const KIND_NAMES: Record<ImportKind, string> = {
  sources: 'Sources',
  races: 'Races',
  classes: 'Classes',
  items: 'Items',
  spells: 'Spells',
  creatures: 'Creatures',
  backgrounds: 'Backgrounds',
  feats: 'Feats',
  rulesTerms: 'Rules terms',
};

export function ImportSummary({ result }: { result: ImportResult }) {
  const totals = IMPORT_KINDS.reduce(
    (sum, kind) => {
      const c = result.counts[kind];
      return { inserted: sum.inserted + c.inserted, updated: sum.updated + c.updated, removed: sum.removed + c.removed };
    },
    { inserted: 0, updated: 0, removed: 0 },
  );
  const skipGroups = groupBy(result.skipped, (s) => reasonKey(s.reason));
  const warningGroups = groupBy(result.warnings, (w) => reasonKey(w.message));
  return (
    <section aria-labelledby="import-summary-heading" class="import-summary">
      <h3 id="import-summary-heading">Import summary</h3>
      <p aria-live="polite">
        {`Import ${result.status === 'success' ? 'finished' : 'finished with skipped records'}: ${result.recordsImported} of ${result.recordsProcessed} records imported from ${result.files.length} files; ${totals.inserted} rows added, ${totals.updated} updated, ${totals.removed} removed.`}
      </p>
      {result.absentFiles.length > 0 && (
        <p>{`Not in the folder: ${result.absentFiles.map((absent) => `${absent.file} (no ${absent.holds} imported)`).join('; ')}.`}</p>
      )}
      <table>
        <caption>Rows per kind</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Inserted</th>
            <th scope="col">Updated</th>
            <th scope="col">Unchanged</th>
            <th scope="col">Removed</th>
            <th scope="col">Kept</th>
            <th scope="col">Skipped</th>
            <th scope="col">Your rows kept</th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_KINDS.map((kind) => {
            const c = result.counts[kind];
            return (
              <tr key={kind}>
                <th scope="row">{KIND_NAMES[kind]}</th>
                <td>{c.inserted}</td>
                <td>{c.updated}</td>
                <td>{c.unchanged}</td>
                <td>{c.removed}</td>
                <td>{c.keptReferenced + c.keptSkipped}</td>
                <td>{c.skipped}</td>
                <td>{c.conflicts}</td>
                <td>{c.warnings}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="import-legend">
        Kept: rows an earlier import wrote that this data no longer has, kept because other rows point at them or their record was
        skipped. Your rows kept: rows you made or edited that the import would have changed.
      </p>

      <h4>Skipped records ({result.skipped.length})</h4>
      {skipGroups.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="import-groups">
          {skipGroups.map(([reason, records]) => (
            <li key={reason}>
              <details>
                <summary>
                  {records.length} × {records.length === 1 ? records[0]?.reason : reason}
                </summary>
                <ul>
                  {records.map((r, i) => (
                    <li key={i}>
                      {KIND_NAMES[r.kind]}: {r.name} ({r.source}){r.file ? `, ${r.file}` : ''}
                      {records.length > 1 && r.reason !== records[0]?.reason ? `: ${r.reason}` : ''}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}

      <h4>Warnings ({result.warnings.length})</h4>
      {warningGroups.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="import-groups">
          {warningGroups.map(([message, warnings]) => (
            <li key={message}>
              <details>
                <summary>
                  {warnings.length} × {warnings.length === 1 ? warnings[0]?.message : message}
                </summary>
                <ul>
                  {warnings.map((w, i) => (
                    <li key={i}>
                      {KIND_NAMES[w.kind]}: {w.name} ({w.source}): {w.message}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}

      {(result.sync.kept.length > 0 || result.sync.conflicts.length > 0) && (
        <>
          <h4>Rows left alone ({result.sync.kept.length + result.sync.conflicts.length})</h4>
          <ul>
            {result.sync.conflicts.map((row) => (
              <li key={`c-${row.kind}-${row.id}`}>
                {KIND_NAMES[row.kind]}: {row.name} ({row.source}) —{' '}
                {row.reason === 'user-created' ? 'you made a row with this id' : 'you edited this imported row'}; kept as you left it
              </li>
            ))}
            {result.sync.kept.map((row) => (
              <li key={`k-${row.kind}-${row.id}`}>
                {KIND_NAMES[row.kind]}: {row.name} ({row.source}) — no longer in the data, kept because{' '}
                {row.reason === 'referenced' ? `${row.referencedBy.length} other rows point at it` : 'its record was skipped'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
