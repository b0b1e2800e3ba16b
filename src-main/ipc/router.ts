/**
 * The main-process IPC router. For every call it checks who is calling (only the app's own
 * window and frame), checks the payload's structure and validates it against the contract's
 * zod schema, hands the validated input to the database service, and always answers with the
 * envelope `{ ok: true, data } | { ok: false, error }`. No exception and no raw SQLite message
 * reaches the renderer: unexpected failures become `Internal` and are logged here.
 *
 * No electron import: the Electron binding (ipcMain.handle) lives in ./electron-ipc.ts, so
 * tests drive this router directly.
 */
import { channelsByName, type ChannelName } from '../../src-shared/contract';
import { CatalogError, fail, isAppError, type AppError, type Result } from '../../src-shared/errors';
import { checkPayload } from '../../src-shared/payload-limits';
import { issuesOf, validationFailed } from '../../src-shared/validation';

/** What the router knows about the caller of one IPC message. */
export interface Sender {
  /** URL of the frame that sent the message (`event.senderFrame.url`). */
  frameUrl: string;
  /** Whether it is the top frame of its window. */
  isMainFrame: boolean;
  /** `event.sender.id` of the sending web contents. */
  webContentsId: number;
}

export interface RouterOptions {
  /** Runs a validated call against the database (the database host in the app). */
  execute(channel: ChannelName, input: unknown): Promise<unknown>;
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
        const parsed = definition.input.safeParse(input);
        if (!parsed.success) return failure(validationFailed(`request for ${channel}`, issuesOf(parsed.error)).toJSON());
        const data = await options.execute(definition.channel as ChannelName, parsed.data);
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
