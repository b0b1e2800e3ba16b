/** 5etools `{@tag …}` markup: one tokenizer, its plain-text rendering and the references it holds. */
export { MAX_DEPTH, parseMarkup, splitParts, walkTags, type MarkupNode, type TagNode, type TextNode } from './tokenizer';
export { attackText, displayMarkup, FIRST_PART_TAGS, FIXED_TEXT, REFERENCE_TAGS, type CatalogKind, type ReferenceTag, type RulesTermType } from './tags';
export { entriesToText, entryLines, markupToText, type EntryLine } from './text';
export { markupReferences, referencesIn, type MarkupReference } from './references';
