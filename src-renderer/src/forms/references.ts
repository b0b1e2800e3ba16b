/**
 * The catalog rows a reference field can point at, searched by name through the kinds' own `list`
 * (in the database: `nameContains`, sorted by name) and named through `get`. One shape for every
 * kind, rule systems included, so the picker is the same code for all of them.
 */
import type { Result } from '../../../src-shared/errors';
import { referenceListInput, type ReferenceKind } from './fields';

export type { ReferenceKind } from './fields';

/** A row as the picker offers it. */
export interface ReferenceRow {
  id: string;
  name: string;
  /** The book it is printed in (not for sources and rule systems). */
  sourceId?: string;
  /** Sources and rows: the rule system they belong to. */
  ruleSystemId?: string;
}


type LooseList = (input: unknown) => Promise<Result<{ items: Record<string, unknown>[]; total: number }>>;
type LooseGet = (input: { id: string }) => Promise<Result<Record<string, unknown>>>;

function api(kind: ReferenceKind): { list: LooseList; get: LooseGet } {
  return window.mimir[kind] as unknown as { list: LooseList; get: LooseGet };
}

export function toReferenceRow(row: Record<string, unknown>): ReferenceRow {
  const name = typeof row['name'] === 'string' ? row['name'] : typeof row['fullName'] === 'string' ? row['fullName'] : String(row['id']);
  return {
    id: String(row['id']),
    name,
    ...(typeof row['sourceId'] === 'string' ? { sourceId: row['sourceId'] } : {}),
    ...(typeof row['ruleSystemId'] === 'string' ? { ruleSystemId: row['ruleSystemId'] } : {}),
  };
}

/** The rows of `kind` whose name contains `text` (all rows for empty text), by name, with `filter` besides. */
export async function searchReferences(
  kind: ReferenceKind,
  text: string,
  filter: Readonly<Record<string, unknown>> = {},
): Promise<Result<{ rows: ReferenceRow[]; total: number }>> {
  const result = await api(kind).list(referenceListInput(kind, text, filter));
  if (!result.ok) return result;
  return { ok: true, data: { rows: result.data.items.map(toReferenceRow), total: result.data.total } };
}

/** The row an id names, or undefined when the catalog has none. */
export async function referenceById(kind: ReferenceKind, id: string): Promise<ReferenceRow | undefined> {
  const result = await api(kind).get({ id });
  return result.ok ? toReferenceRow(result.data) : undefined;
}

/** "High Elf · PHB" (the book tells two printings of one name apart); sources: "Player's Handbook (PHB)". */
export function optionText(kind: ReferenceKind, row: ReferenceRow): string {
  if (kind === 'sources' || kind === 'ruleSystems') return `${row.name} (${row.id})`;
  return row.sourceId ? `${row.name} · ${row.sourceId}` : row.name;
}
