/**
 * `call <channel> [json-input]`: runs one read channel of the IPC contract (`spells:list`,
 * `creatures:get`, `db:status` …) exactly as the app would — the router's structural checks, then
 * the database dispatcher with its one zod parse — and prints the envelope the renderer would get,
 * `{ "ok": true, "data": … }` or `{ "ok": false, "error": … }`, as JSON. Channels that write,
 * import or run in the main process are refused: this command never changes the catalog (the
 * view is the read-only one `status` uses, and query_only). One main-process channel only reads
 * files and is answered here too, by the same code the app runs: `backups:list`.
 */
import { channelsByName, type ChannelName } from '../../../src-shared/contract';
import { fail, type AppError, type Result } from '../../../src-shared/errors';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as tables from '../../../src-shared/catalog/tables';
import { createCatalog } from '../../db/catalog';
import type { Connection } from '../../db/connection';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { describeBackups } from '../../db/restore';
import { createDispatcher } from '../../db-host/worker/dispatcher';
import { createRouter, type MainHandlers } from '../../ipc/router';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Outcome } from '../output';
import { openForInspection, type Command } from './command';

/** The sender the app's own window would be: `call` speaks for it. */
const APP_WINDOW = { frameUrl: 'mimir-cli:', isMainFrame: true, webContentsId: 0 };

/** Main-process channels that only read files, answered by `call` as the app answers them. */
const MAIN_READS: Partial<Record<ChannelName, (db: string) => unknown>> = {
  'backups:list': (db) => describeBackups(db),
};

const readChannels = (): string[] => [
  ...[...channelsByName.values()].filter((c) => c.runs === 'reader').map((c) => c.channel),
  ...Object.keys(MAIN_READS),
];

function envelopeOutcome(envelope: Result<unknown>, exitCode: number): Outcome {
  const lines = [JSON.stringify(envelope, null, 2)];
  return envelope.ok
    ? { ok: true, data: envelope, lines, exitCode }
    : { ok: false, data: envelope, error: envelope.error, lines, exitCode };
}

function refused(error: AppError): Outcome {
  return envelopeOutcome({ ok: false, error }, EXIT_USAGE);
}

export const call: Command = {
  name: 'call',
  usage: "call <channel> ['<json-input>']",
  summary: 'runs one read channel of the IPC API and prints its envelope as JSON (changes nothing)',
  arguments: ['channel'],
  optionalArguments: ['json-input'],
  async run({ db, args }) {
    const [channel = '', text] = args;
    const declared = channelsByName.get(channel);
    const mainRead = MAIN_READS[channel as ChannelName];
    if (!declared || (declared.runs !== 'reader' && !mainRead)) {
      const why = declared ? `${channel} runs on the ${declared.runs}${declared.runs === 'main' ? ' process' : ''}` : `${channel} is not a channel`;
      return refused(
        fail('ValidationFailed', `call runs read channels only: ${why}. Read channels: ${readChannels().join(', ')}.`, {
          issues: [{ path: ['channel'], message: declared ? 'not a read channel' : 'unknown channel' }],
        }).toJSON(),
      );
    }
    let input: unknown;
    if (text !== undefined) {
      try {
        input = JSON.parse(text) as unknown;
      } catch (error) {
        return refused(
          fail('ValidationFailed', `The input is not JSON: ${(error as Error).message}.`, {
            issues: [{ path: ['json-input'], message: 'not JSON' }],
          }).toJSON(),
        );
      }
    }
    if (mainRead) {
      // The router parses the input with the channel's schema, as in the app; no catalog is opened.
      const router = createRouter({
        database: () => Promise.reject(new Error('not a database channel')),
        main: { [channel]: () => mainRead(db) } as unknown as MainHandlers,
        isTrustedSender: () => true,
        logError: () => undefined,
      });
      const envelope = await router.handle(channel as ChannelName, input, APP_WINDOW);
      return envelopeOutcome(envelope, envelope.ok ? EXIT_OK : EXIT_FAILED);
    }
    // The same read-only view `status` and `check` use: nothing is written beside the file.
    const inspection = openForInspection(db);
    const connection: Connection = {
      file: db,
      readonly: true,
      sqlite: inspection.sqlite,
      db: drizzle(inspection.sqlite, { schema: tables }),
      movedAside: [],
      warnings: inspection.notes,
      close: () => {
        inspection.close();
        return { checkpointed: true };
      },
    };
    try {
      const status = migrationStatus(connection.sqlite, embeddedMigrations);
      if (status.problem) return envelopeOutcome({ ok: false, error: status.problem }, EXIT_FAILED);
      if (status.pending.length > 0) {
        const error = fail(
          'MigrationFailed',
          `${db} is at schema version ${status.currentVersion} of ${status.latestVersion}; run \`migrate\` first (call never changes the file).`,
          { version: status.currentVersion, name: 'pending', reason: 'pending migrations' },
        ).toJSON();
        return envelopeOutcome({ ok: false, error }, EXIT_FAILED);
      }
      connection.sqlite.pragma('query_only = ON');
      const dispatcher = createDispatcher(createCatalog(connection), {
        importFiveEtools: () => {
          throw new Error('call never imports');
        },
        emit: () => undefined,
      });
      const router = createRouter({
        // As the reader worker runs it: one snapshot per call.
        database: async (name, value) => connection.sqlite.transaction(() => dispatcher.run(name, value)).deferred(),
        // Never reached: only reader channels get this far.
        main: {} as MainHandlers,
        isTrustedSender: () => true,
        logError: () => undefined,
      });
      const envelope = await router.handle(channel as ChannelName, input, APP_WINDOW);
      return envelopeOutcome(envelope, envelope.ok ? EXIT_OK : EXIT_FAILED);
    } finally {
      connection.close();
    }
  },
};
