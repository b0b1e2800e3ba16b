/** Backgrounds: `background[]`; the feature ("Feature: …" entry) becomes feature_name / feature_text. */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { backgroundEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { recordId } from './ids';
import { mapEach } from './map-records';
import { entriesToText, stripTags } from './markup';
import { int, isRecord, list, orNull, str } from './raw';
import type { Mapped, Raw } from './types';

export type BackgroundInsert = InsertOf<typeof backgroundEntity>;

/** The first entry named "Feature: …" (or marked `data.isFeature`), searched depth-first. */
export function findFeature(entries: unknown): Raw | undefined {
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      const found = findFeature(entry);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(entries)) return undefined;
  const data = isRecord(entries['data']) ? entries['data'] : {};
  if (/^feature:/i.test(str(entries['name']) ?? '') || data['isFeature'] === true) return entries;
  return findFeature(entries['entries']);
}

export function mapBackgrounds(backgrounds: Raw[], ctx: ImportContext): Mapped<BackgroundInsert> {
  return mapEach('backgrounds', backgrounds, ctx, (background) => mapBackground(background, ctx));
}

export function mapBackground(background: Raw, ctx: ImportContext): BackgroundInsert | undefined {
  const name = str(background['name']);
  const placement = ctx.placement('backgrounds', background);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('backgrounds', background, 'the background has no name');
    return undefined;
  }
  const id = ctx.id('backgrounds', background, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;
  const entries = list(background['entries']) ?? [];
  const feature = findFeature(entries);
  const featureName = feature ? stripTags(str(feature['name']) ?? '').replace(/^feature:\s*/i, '').trim() : '';
  const featureText = feature ? entriesToText(feature['entries']) : '';
  return {
    id,
    name,
    ...placement,
    page: orNull(int(background['page'])),
    entries: entries as BackgroundInsert['entries'],
    skillProficiencies: orNull(background['skillProficiencies']),
    languageProficiencies: orNull(background['languageProficiencies']),
    toolProficiencies: orNull(background['toolProficiencies']),
    startingEquipment: orNull(background['startingEquipment']),
    featureName: featureName || null,
    featureText: featureText || null,
    ...ctx.editions('backgrounds', background),
  };
}
