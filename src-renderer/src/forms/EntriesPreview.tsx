/**
 * Live preview of a rules-text field: the JSON being typed, rendered as the detail view renders
 * entries. Until the text is valid JSON the last valid preview stays, marked as out of date.
 */
import { useRef } from 'preact/hooks';
import { Entries } from '../content/Entries';
import { useNameResolver } from '../content/useNameResolver';

export interface EntriesPreviewProps {
  /** The field's id: the preview is labelled by the field's label. */
  fieldId: string;
  label: string;
  text: string;
}

export function EntriesPreview({ fieldId, label, text }: EntriesPreviewProps) {
  const lastValid = useRef<unknown>(undefined);
  let stale = false;
  if (text.trim() === '') lastValid.current = undefined;
  else {
    try {
      lastValid.current = JSON.parse(text) as unknown;
    } catch {
      stale = true;
    }
  }
  // Text not saved yet has no stored references: its entity tags are looked up by name.
  const resolve = useNameResolver(lastValid.current);
  return (
    <section class="entries-preview" id={`${fieldId}-preview`} aria-label={`Preview of ${label}`}>
      {stale && <p class="preview-note">The preview shows the last valid JSON.</p>}
      {lastValid.current === undefined ? <p class="preview-note">Nothing to preview yet.</p> : <Entries entries={lastValid.current} resolve={resolve} />}
    </section>
  );
}
