/** Feats: `feat[]`; `prerequisite` → prerequisites, `ability` → ability_increases, 2024 `category` → feat_type. */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { featEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { recordId } from './ids';
import { mapEach } from './map-records';
import { int, list, orNull, str } from './raw';
import type { Mapped, Raw } from './types';

export type FeatInsert = InsertOf<typeof featEntity>;

/** Feat categories: General, Origin, Fighting Style (also per class, "FS:P", "FS:R"), Epic Boon, Dragonmark (EFA), Dark Gift (RHW). */
export function featType(category: unknown): FeatInsert['featType'] {
  const code = str(category)?.split(':')[0];
  switch (code) {
    case 'G':
      return 'general';
    case 'O':
      return 'origin';
    case 'FS':
      return 'fighting-style';
    case 'EB':
      return 'epic';
    case 'D':
      return 'dragonmark';
    case 'DG':
      return 'dark-gift';
    default:
      return null;
  }
}

export function mapFeats(feats: Raw[], ctx: ImportContext): Mapped<FeatInsert> {
  return mapEach('feats', feats, ctx, (feat) => mapFeat(feat, ctx));
}

export function mapFeat(feat: Raw, ctx: ImportContext): FeatInsert | undefined {
  const name = str(feat['name']);
  const placement = ctx.placement('feats', feat);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('feats', feat, 'the feat has no name');
    return undefined;
  }
  const id = ctx.id('feats', feat, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;
  const category = feat['category'];
  const type = featType(category);
  if (category !== undefined && type === null) ctx.warn('feats', feat, `its category "${String(category)}" is not a known feat type; stored as none`);
  return {
    id,
    name,
    ...placement,
    page: orNull(int(feat['page'])),
    entries: (list(feat['entries']) ?? []) as FeatInsert['entries'],
    prerequisites: orNull(feat['prerequisite']),
    abilityIncreases: orNull(feat['ability']),
    featType: type,
    ...ctx.editions('feats', feat),
  };
}
