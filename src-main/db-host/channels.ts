/**
 * Which channels only read. The database host answers these on its reader worker, so they are
 * served while the writer is busy (a whole import is one write transaction). Everything else goes
 * to the writer. Derived from the contract in this one place: a new entity gets its read
 * channels without an edit here, and renaming one of them is a compile error.
 */
import { catalogEntities, type EntityKey } from '../../src-shared/catalog/entities';
import { contract, type ChannelName, type EntityVerb } from '../../src-shared/contract';

/** Entity verbs that never write. */
export const READ_VERBS = ['get', 'list', 'count'] as const satisfies readonly EntityVerb[];

export const READ_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  ...(Object.keys(catalogEntities) as EntityKey[]).flatMap((key) =>
    READ_VERBS.map((verb) => contract[key][verb].channel),
  ),
  contract.db.status.channel,
  contract.db.check.channel,
  contract.import.history.channel,
]);

export function isReadChannel(channel: string): boolean {
  return READ_CHANNELS.has(channel as ChannelName);
}
