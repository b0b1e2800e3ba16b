/**
 * The one-line description of a row under its name, as books print it ("3rd-level evocation",
 * "Large dragon, chaotic evil", "Wondrous item, rare (requires attunement)"): shown in detail
 * views, link previews and search results alike.
 */
import type { BrowseKind } from '../app/route';
import type { AnyRow, RowOf } from '../kinds/rows';
import { alignmentText, capitalize, ITEM_TYPE_NAMES, lookup, ordinal, RULES_TERM_TYPE_NAMES, SIZE_NAMES, SPELL_SCHOOL_NAMES } from './labels';

export function spellLevelLine(row: RowOf<'spells'>): string {
  const school = lookup(SPELL_SCHOOL_NAMES, row.school) ?? 'Unknown school';
  const ritual = row.isRitual ? ' (ritual)' : '';
  if (row.level === 0) return `${school} cantrip${ritual}`;
  return `${ordinal(row.level)}-level ${school.toLowerCase()}${ritual}`;
}

function typeTagText(tags: unknown): string {
  if (!Array.isArray(tags) || tags.length === 0) return '';
  const words = tags
    .map((tag) => (typeof tag === 'string' ? tag : typeof tag === 'object' && tag !== null && 'tag' in tag && typeof tag.tag === 'string' ? tag.tag : ''))
    .filter(Boolean);
  return words.length > 0 ? ` (${words.join(', ')})` : '';
}

export function creatureTypeLine(row: RowOf<'creatures'>): string {
  const size = lookup(SIZE_NAMES, row.size);
  const type = `${row.type ?? 'creature'}${typeTagText(row.typeTags)}`;
  const alignment = alignmentText(row.alignment);
  return `${size ? `${size} ` : ''}${type}${alignment ? `, ${alignment}` : ''}`;
}

export function itemTypeLine(row: RowOf<'items'>): string {
  const type = row.isWondrous ? 'Wondrous item' : (lookup(ITEM_TYPE_NAMES, row.type) ?? (row.isMagic ? 'Magic item' : 'Item'));
  const rarity = row.rarity && row.rarity !== 'unknown' ? `, ${row.rarity}` : '';
  const attunement = row.requiresAttunement ? ` (requires attunement${row.attunementPrereq ? ` ${row.attunementPrereq}` : ''})` : '';
  return `${type}${rarity}${attunement}`;
}

/** The header line of any row of `kind`. */
export function headerLine(kind: BrowseKind, row: AnyRow): string {
  switch (kind) {
    case 'spells':
      return spellLevelLine(row as RowOf<'spells'>);
    case 'creatures': {
      const creature = row as RowOf<'creatures'>;
      return `${creatureTypeLine(creature)}${creature.challengeRating ? ` \u2014 CR ${creature.challengeRating}` : ''}`;
    }
    case 'items':
      return itemTypeLine(row as RowOf<'items'>);
    case 'races': {
      const race = row as RowOf<'races'>;
      const size = lookup(SIZE_NAMES, race.size);
      return `${race.raceType === 'subrace' ? 'Subrace' : 'Race'}${size ? `, ${size}` : ''}`;
    }
    case 'classes': {
      const klass = row as RowOf<'classes'>;
      if (klass.classType === 'subclass') return 'Subclass';
      return `Class${klass.hitDie ? `, hit die d${klass.hitDie}` : ''}`;
    }
    case 'backgrounds':
      return 'Background';
    case 'feats': {
      const feat = row as RowOf<'feats'>;
      return feat.featType ? `${capitalize(feat.featType.replace(/-/g, ' '))} feat` : 'Feat';
    }
    case 'rulesTerms':
      return RULES_TERM_TYPE_NAMES[(row as RowOf<'rulesTerms'>).termType];
    case 'sources': {
      const source = row as RowOf<'sources'>;
      return [source.abbreviation ?? source.id, source.publishedDate].filter(Boolean).join(', ');
    }
  }
}
