/**
 * Browsable kinds are named by their API key (`rulesTerms`, `window.mimir.rulesTerms`), stored
 * references by table name (`rules_terms`, `content_references`). The two names of each kind,
 * in one place; the other kinds are spelt alike.
 */
import type { CatalogKind } from '../../../src-shared/markup';
import type { ReferenceKind } from '../../../src-shared/search';
import type { BrowseKind } from '../app/route';

/** The browsable kind of a reference's kind (a row a link or a backlink opens). */
export function browseKindOf(kind: ReferenceKind | CatalogKind): BrowseKind {
  return kind === 'rules_terms' ? 'rulesTerms' : kind;
}

/** The reference kind of a browsable kind; sources have no references. */
export function referenceKindOf(kind: BrowseKind): ReferenceKind | undefined {
  if (kind === 'sources') return undefined;
  return kind === 'rulesTerms' ? 'rules_terms' : kind;
}

// Every browsable kind but sources is a reference kind and back; fails to compile when the lists drift apart.
type Mapped = Exclude<BrowseKind, 'sources' | 'rulesTerms'> | 'rules_terms';
const sameKinds: [Mapped, ReferenceKind] extends [ReferenceKind, Mapped] ? true : never = true;
void sameKinds;
