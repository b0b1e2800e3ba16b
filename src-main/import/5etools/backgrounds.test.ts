import { describe, expect, it } from 'vitest';
import { backgroundEntity } from '../../../src-shared/catalog/entities';
import { findFeature, mapBackgrounds } from './backgrounds';
import { expectValidRow, makeContext } from '../../../test/import-5etools';
import type { Raw } from './types';

const acolyte: Raw = {
  name: 'Acolyte',
  source: 'PHB',
  page: 127,
  skillProficiencies: [{ insight: true, religion: true }],
  languageProficiencies: [{ anyStandard: 2 }],
  startingEquipment: [
    { _: [{ item: 'holy symbol|phb', displayName: 'holy symbol' }, { special: 'sticks of incense', quantity: 5 }, 'common clothes|phb', { item: 'pouch|phb', containsValue: 1500 }] },
    { a: [{ item: 'book|phb', displayName: 'prayer book' }], b: [{ special: 'prayer wheel' }] },
  ],
  entries: [
    { type: 'list', items: [{ type: 'item', name: 'Skill Proficiencies:', entry: '{@skill Insight}, {@skill Religion}' }] },
    {
      name: 'Feature: Shelter of the Faithful',
      type: 'entries',
      entries: ['You command the respect of those who share your {@b faith}.', 'You can call upon the {@creature priest|mm|priests} for assistance.'],
      data: { isFeature: true },
    },
  ],
};
const criminal: Raw = {
  name: 'Criminal',
  source: 'PHB',
  toolProficiencies: [{ "thieves' tools": true, choose: { from: ['dice set', 'playing card set'] } }],
  entries: [{ type: 'entries', name: 'Details', entries: [{ type: 'entries', name: 'Feature: Criminal Contact', entries: ['You have a reliable contact.'] }] }],
};
const sage2024: Raw = { name: 'Sage', source: 'XPHB', skillProficiencies: [{ arcana: true, history: true }], entries: ['You spent years in libraries.'] };

describe('backgrounds', () => {
  it('the "Feature: …" entry → feature_name (prefix dropped) and feature_text (plain text, markup reduced)', () => {
    const ctx = makeContext();
    const { rows } = mapBackgrounds([acolyte, criminal, sage2024], ctx);
    for (const row of rows) expectValidRow(backgroundEntity, row);
    expect(rows[0]).toMatchObject({
      id: 'acolyte-phb',
      skillProficiencies: acolyte['skillProficiencies'],
      languageProficiencies: [{ anyStandard: 2 }],
      toolProficiencies: null,
      startingEquipment: acolyte['startingEquipment'],
      featureName: 'Shelter of the Faithful',
      featureText: 'You command the respect of those who share your faith.\nYou can call upon the priests for assistance.',
      entries: acolyte['entries'],
    });
    // Found when nested, too; 2024 backgrounds have no feature.
    expect(rows[1]).toMatchObject({ featureName: 'Criminal Contact', featureText: 'You have a reliable contact.' });
    expect(rows[2]).toMatchObject({ featureName: null, featureText: null, ruleSystemId: 'dnd5e-2024' });
    expect(findFeature(['no', { type: 'entries', name: 'Features of the land' }])).toBeUndefined();
  });
});
