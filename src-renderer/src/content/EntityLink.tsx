/**
 * A tag naming a catalog row: a link that opens the row in the browser (a history entry, so Back
 * returns), with a preview of its name and header line on hover or keyboard focus; or, when the
 * catalog does not have the row, the tag's text marked as not in the catalog.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { MarkupReference } from '../../../src-shared/markup';
import { formatRoute } from '../app/route';
import { getRow, rowLabel } from '../kinds/rows';
import { headerLine } from './headers';
import type { LinkTarget } from './links';

interface Preview {
  name: string;
  line: string;
}

/** Previews already fetched, by kind and id (a stat block mentions the same spell many times). */
const previews = new Map<string, Promise<Preview | undefined>>();

function loadPreview(target: LinkTarget): Promise<Preview | undefined> {
  const key = `${target.kind}\u0000${target.id}`;
  let preview = previews.get(key);
  if (!preview) {
    preview = getRow(target.kind, target.id).then(
      (result) => (result.ok ? { name: rowLabel(result.data), line: headerLine(target.kind, result.data) } : undefined),
      () => undefined,
    );
    previews.set(key, preview);
    // A catalog change may rename or remove the row; keep the cache small and fresh.
    if (previews.size > 200) previews.delete(previews.keys().next().value as string);
  }
  return preview;
}

/** Forgets cached previews (after the catalog changed). */
export function clearPreviews(): void {
  previews.clear();
}

export function EntityLink({ target, children }: { target: LinkTarget; children: ComponentChildren }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | undefined>();
  const tooltipId = useId();
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const show = (): void => {
    setOpen(true);
    void loadPreview(target).then((loaded) => {
      if (alive.current) setPreview(loaded);
    });
  };
  const hide = (): void => setOpen(false);
  const href = formatRoute({ view: 'browse', kind: target.kind, params: {}, selected: target.id });
  return (
    <span class="entity-link-wrap">
      <a
        class="entity-link"
        href={href}
        aria-describedby={open && preview ? tooltipId : undefined}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(event) => {
          if (event.key === 'Escape') hide();
        }}
      >
        {children}
      </a>
      {open && preview && (
        <span role="tooltip" id={tooltipId} class="entity-preview">
          <strong>{preview.name}</strong>
          <span class="entity-preview-line">{preview.line}</span>
        </span>
      )}
    </span>
  );
}

const TAG_WORDS: Readonly<Record<string, string>> = {
  spell: 'Spell',
  creature: 'Creature',
  item: 'Item',
  race: 'Race',
  class: 'Class',
  subclass: 'Subclass',
  background: 'Background',
  feat: 'Feat',
  condition: 'Condition',
  variantrule: 'Rule',
  action: 'Action',
  skill: 'Skill',
  sense: 'Sense',
  disease: 'Disease',
  status: 'Status',
};

export function UnresolvedLink({ reference, children }: { reference: MarkupReference; children: ComponentChildren }): JSX.Element {
  const what = TAG_WORDS[reference.tag] ?? 'Entry';
  return (
    <span class="entity-unresolved" title={`${what} \u201c${reference.name}\u201d: not in the catalog`}>
      {children}
    </span>
  );
}
