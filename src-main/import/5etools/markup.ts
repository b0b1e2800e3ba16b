/**
 * Plain text from 5etools entries, for search columns (background `feature_text`): `{@tag …}`
 * markup is reduced to the text a reader sees, nested entries are flattened one paragraph per
 * line. Both come from the shared tokenizer (src-shared/markup), which the renderer and search use too.
 */
export { entriesToText, markupToText as stripTags } from '../../../src-shared/markup';
