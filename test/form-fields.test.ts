/**
 * The homebrew forms' field declarations (src-renderer/src/forms/fields.ts) against the contract:
 * every choice shows a label for every code its column takes (the labels come from
 * src-shared/catalog/labels.ts, the codes from the schema, so a code added to an enumeration
 * without a label fails here), and every reference field's search is a `list` input its kind's
 * own channel accepts (filter keys, sort key, limit), as the picker sends it.
 */
import { describe, expect, it } from 'vitest';
import { catalogEntities } from '../src-shared/catalog/entities';
import { ITEM_TYPE_NAMES, SPELL_SCHOOL_NAMES } from '../src-shared/catalog/labels';
import { contract } from '../src-shared/contract';
import { BROWSE_KINDS } from '../src-renderer/src/app/route';
import { FORM_FIELDS, REFERENCE_SEARCH_LIMIT, referenceListInput } from '../src-renderer/src/forms/fields';
import { buildInput, choicesOf, initialText, toText } from '../src-renderer/src/forms/values';

const allFields = BROWSE_KINDS.flatMap((kind) => FORM_FIELDS[kind].map((spec) => ({ kind, spec })));

describe('choice fields show labels and store codes', () => {
  const choices = allFields.filter(({ spec }) => spec.input === 'choice');

  it('there are choice fields in every kind that has an enumerated column', () => {
    expect(choices.map(({ kind, spec }) => `${kind}.${spec.key}`)).toEqual(
      expect.arrayContaining(['spells.school', 'creatures.size', 'creatures.type', 'items.type', 'items.rarity', 'races.raceType', 'classes.spellAbility', 'classes.casterProgression', 'feats.featType']),
    );
  });

  for (const { kind, spec } of choices) {
    it(`${kind}.${spec.key}: a label for each code of the column, and no label for a code it does not take`, () => {
      const codes = choicesOf(catalogEntities[kind].insert, spec.key);
      expect(codes.length, 'the schema enumerates the column').toBeGreaterThan(0);
      expect(spec.labels, 'labels declared').toBeDefined();
      const labels = spec.labels ?? {};
      for (const code of codes) expect(labels[code], `label of ${code}`).toMatch(/\S/);
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      // Labels tell the codes apart.
      expect(new Set(codes.map((code) => labels[code])).size).toBe(codes.length);
    });
  }

  it('the labels are the shared ones (one place for a fact)', () => {
    const school = FORM_FIELDS.spells.find((f) => f.key === 'school');
    const itemType = FORM_FIELDS.items.find((f) => f.key === 'type');
    expect(school?.labels).toBe(SPELL_SCHOOL_NAMES);
    expect(itemType?.labels).toBe(ITEM_TYPE_NAMES);
  });

  it('the stored value is the code, whatever the label', () => {
    const spells = FORM_FIELDS.spells;
    const text = { ...initialText(spells), name: 'Zap', id: 'zap-hb', sourceId: 'HB', ruleSystemId: 'dnd5e-2014', level: '1', school: 'V' };
    const { input } = buildInput(spells, text, undefined);
    expect(input['school']).toBe('V');
    expect(catalogEntities.spells.insert.safeParse(input).success).toBe(true);
  });
});

describe('reference fields search their kind by name', () => {
  const references = allFields.filter(({ spec }) => spec.input === 'reference' || spec.input === 'references');

  it('every reference field names the kind it points at', () => {
    for (const { kind, spec } of references) expect(spec.references, `${kind}.${spec.key}`).toBeDefined();
    expect(references.map(({ kind, spec }) => `${kind}.${spec.key}`)).toEqual(
      expect.arrayContaining(['races.parentRaceId', 'classes.parentClassId', 'spells.classes', 'items.baseItemId', 'spells.sourceId', 'sources.ruleSystemId']),
    );
  });

  for (const { kind, spec } of references) {
    it(`${kind}.${spec.key}: the search is a list input ${spec.references ?? '?'}:list accepts, typed text or none`, () => {
      const target = spec.references ?? kind;
      const schema = contract[target].list.input;
      for (const text of ['', 'elf', "  Bigby's  ", 'x'.repeat(500)]) {
        const input = referenceListInput(target, text, spec.filter);
        const parsed = schema.safeParse(input);
        expect(parsed.success, `${JSON.stringify(input).slice(0, 200)}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
        expect(input.limit).toBe(REFERENCE_SEARCH_LIMIT);
        if (text.trim() === '') expect(input.filter).not.toHaveProperty('nameContains');
        else expect((input.filter as { nameContains: string }).nameContains.length).toBeLessThanOrEqual(200);
      }
    });
  }

  it('a parent race is searched among races only, a parent class among classes only', () => {
    expect(FORM_FIELDS.races.find((f) => f.key === 'parentRaceId')?.filter).toEqual({ raceType: 'race' });
    expect(FORM_FIELDS.classes.find((f) => f.key === 'parentClassId')?.filter).toEqual({ classType: 'class' });
  });

  it("a spell's classes are a list of lower-case names, kept as the column holds them", () => {
    const spec = FORM_FIELDS.spells.find((f) => f.key === 'classes');
    expect(spec).toMatchObject({ input: 'references', stores: 'lowercaseName' });
    if (!spec) return;
    expect(toText(spec, ['wizard', 'sorcerer'])).toBe('wizard, sorcerer');
    const { input } = buildInput([spec], { classes: 'wizard, , sorcerer ' }, undefined);
    expect(input).toEqual({ classes: ['wizard', 'sorcerer'] });
    // An edit that empties the list clears it; the update schema refuses a name in capitals.
    expect(buildInput([spec], { classes: '' }, { classes: 'wizard' }).input).toEqual({ classes: null });
    expect(catalogEntities.spells.update.safeParse({ classes: ['Wizard'] }).success).toBe(false);
  });
});
