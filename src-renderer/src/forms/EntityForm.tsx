/** Create (no `id`) or edit a homebrew row. (Placeholder of the scaffold: ui-forms builds it.) */
import type { BrowseKind } from '../app/route';

export interface EntityFormProps {
  kind: BrowseKind;
  id?: string;
}

export function EntityForm({ kind, id }: EntityFormProps) {
  return (
    <section class="entity-form" aria-label={id === undefined ? `New ${kind}` : `Edit ${kind}`}>
      <h2>{id === undefined ? `New ${kind}` : `Edit ${id}`}</h2>
    </section>
  );
}
