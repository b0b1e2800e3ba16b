/**
 * The main-process IPC router. For every call it checks who is calling (only the app's own
 * window and frame), that the channel is in the contract and the payload's structure (sizes,
 * depth, plain data: cheap, see payload-limits.ts), then dispatches by where the contract says
 * the channel runs:
 * - `main`: parses the input with the channel's zod schema and calls the main-process handler;
 * - `reader` / `writer`: hands the input unparsed to the database host, whose worker parses it
 *   once before the repository acts. Parsing a 1,000-row batch here would block the thread that
 *   serves every window.
 * It always answers with the envelope `{ ok: true, data } | { ok: false, error }`. No exception
 * and no raw SQLite message reaches the renderer: unexpected failures become `Internal` and are
 * logged here.
 *
 * No electron import: the Electron binding (ipcMain.handle) lives in ./electron-ipc.ts, so
 * tests drive this router directly.
 */
import {
  channelsByName,
  type ChannelByName,
  type ChannelName,
  type ChannelsRunning,
  type OutputOf,
  type ParsedInputOf,
} from '../../src-shared/contract';
import { CatalogError, fail, isAppError, type AppError, type Result } from '../../src-shared/errors';
import { checkPayload } from '../../src-shared/payload-limits';
import { validate } from '../../src-shared/validation';

/** What the router knows about the caller of one IPC message. */
export interface Sender {
  /** URL of the frame that sent the message (`event.senderFrame.url`). */
  frameUrl: string;
  /** Whether it is the top frame of its window. */
  isMainFrame: boolean;
  /** `event.sender.id` of the sending web contents. */
  webContentsId: number;
}

export type MainChannelName = ChannelsRunning<'main'>;

/** One handler per channel that runs in the main process, with its validated input. */
export type MainHandlers = {
  [N in MainChannelName]: (input: ParsedInputOf<ChannelByName<N>>) => Promise<OutputOf<ChannelByName<N>>> | OutputOf<ChannelByName<N>>;
};

export interface RouterOptions {
  /**
   * Runs a reader or writer channel in the database host, which validates the input (the host's
   * `execute`). Input arrives structurally checked but not parsed.
   */
  database(channel: Exclude<ChannelName, MainChannelName>, input: unknown): Promise<unknown>;
  /** The main-process channels. */
  main: MainHandlers;
  /** Whether a sender may call at all: the app's own window, main frame, own URL. */
  isTrustedSender(sender: Sender): boolean;
  /** Records unexpected failures (never shown to the renderer in raw form). */
  logError?(entry: { channel: string; error: unknown }): void;
}

export interface Router {
  handle(channel: string, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

const failure = (error: AppError): Result<never> => ({ ok: false, error });

export function createRouter(options: RouterOptions): Router {
  const internal = (channel: string, error: unknown): Result<never> => {
    options.logError?.({ channel, error });
    return failure(
      fail('Internal', 'Something went wrong in the catalog service. The error was logged; please try again.', {}).toJSON(),
    );
  };
  const main = options.main as unknown as Record<string, (input: unknown) => unknown>;

  return {
    async handle(channel, input, sender) {
      try {
        if (!options.isTrustedSender(sender)) {
          return failure(
            fail('ValidationFailed', 'This window is not allowed to use the catalog API.', {
              issues: [{ path: [], message: 'untrusted sender' }],
            }).toJSON(),
          );
        }
        const definition = channelsByName.get(channel);
        if (!definition) {
          return failure(
            fail('ValidationFailed', `Unknown catalog API channel '${String(channel).slice(0, 100)}'.`, {
              issues: [{ path: [], message: 'unknown channel' }],
            }).toJSON(),
          );
        }
        const structural = checkPayload(input);
        if (structural) {
          return failure(
            fail('ValidationFailed', `Invalid request for ${channel}: ${structural.message}.`, { issues: [structural] }).toJSON(),
          );
        }
        let data: unknown;
        if (definition.runs === 'main') {
          const handler = main[definition.channel];
          if (!handler) throw new Error(`no main-process handler for ${definition.channel}`);
          data = await handler(validate(definition.input, input, `request for ${channel}`));
        } else {
          data = await options.database(definition.channel as Exclude<ChannelName, MainChannelName>, input);
        }
        return { ok: true, data };
      } catch (error) {
        if (error instanceof CatalogError) {
          return error.code === 'Internal' ? internal(channel, error) : failure(error.toJSON());
        }
        // Errors that crossed a worker boundary arrive as plain AppError values.
        if (isAppError(error)) return error.code === 'Internal' ? internal(channel, error) : failure(error);
        return internal(channel, error);
      }
    },
  };
}
