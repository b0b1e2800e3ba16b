/**
 * The homebrew form's conversions (src-renderer/src/forms/values.ts) against the contract's real
 * schemas: what the inputs hold becomes the create input or the update patch the API takes, the
 * schema's issues land on the field their path names, and the choices and required marks are
 * read from the schemas themselves. Pure code: no DOM, no database.
 */
import { describe, expect, it } from 'vitest';
import { creatureEntity, itemEntity, sourceEntity, spellEntity } from '../src-shared/catalog/entities';
import { ITEM_RARITIES, SPELL_SCHOOLS } from '../src-shared/catalog/tables';
import { FORM_FIELDS } from '../src-renderer/src/forms/fields';
import { groupBy, reasonKey } from '../src-renderer/src/import/grouping';
import { buildInput, choicesOf, fromText, initialText, isRequired, issuesByField, suggestedId } from '../src-renderer/src/forms/values';

const spellFields = FORM_FIELDS.spells;

describe('what the form reads from the schemas', () => {
  it('choices are the column enumeration, through optional and nullable wrappers', () => {
    expect(choicesOf(spellEntity.insert, 'school')).toEqual([...SPELL_SCHOOLS]);
    expect(choicesOf(spellEntity.update, 'school')).toEqual([...SPELL_SCHOOLS]);
    expect(choicesOf(itemEntity.insert, 'rarity')).toEqual([...ITEM_RARITIES]);
    expect(choicesOf(spellEntity.insert, 'name')).toEqual([]);
  });

  it('required: what the insert schema refuses absent', () => {
    expect(isRequired(spellEntity.insert, 'name')).toBe(true);
    expect(isRequired(spellEntity.insert, 'level')).toBe(true);
    expect(isRequired(spellEntity.insert, 'school')).toBe(false);
    expect(isRequired(spellEntity.insert, 'entries')).toBe(false);
    expect(isRequired(sourceEntity.insert, 'fullName')).toBe(true);
    expect(isRequired(spellEntity.insert, 'notAColumn')).toBe(false);
  });

  it('every declared field is a key of its kind’s insert schema', () => {
    const shapes = { spells: spellEntity, creatures: creatureEntity, items: itemEntity, sources: sourceEntity };
    for (const [kind, entity] of Object.entries(shapes)) {
      const keys = Object.keys((entity.insert as unknown as { shape: object }).shape);
      for (const field of FORM_FIELDS[kind as keyof typeof shapes]) expect(keys, `${kind}.${field.key}`).toContain(field.key);
    }
  });
});

describe('from the inputs to the API input', () => {
  const filled = {
    ...initialText(spellFields),
    name: 'Zap',
    id: 'zap-hb',
    sourceId: 'HB',
    ruleSystemId: 'dnd5e-2014',
    level: '2',
    classes: ' wizard, , sorcerer ',
    components: '{"v": true}',
    entries: '["It zaps."]',
    isRitual: true,
  };

  it('a new row: typed values, empty fields left out; the insert schema accepts it', () => {
    const { input, issues } = buildInput(spellFields, filled, undefined);
    expect(issues).toEqual([]);
    expect(input).toEqual({
      name: 'Zap',
      id: 'zap-hb',
      sourceId: 'HB',
      ruleSystemId: 'dnd5e-2014',
      level: 2,
      classes: ['wizard', 'sorcerer'],
      components: { v: true },
      entries: ['It zaps.'],
      isRitual: true,
      isConcentration: false,
    });
    expect(spellEntity.insert.safeParse(input).success).toBe(true);
  });

  it('an edit: only the changed fields; an emptied field is null (cleared)', () => {
    const stored = { ...filled, level: '2', school: 'V' };
    const { input } = buildInput(spellFields, { ...stored, level: '3', school: '' }, stored);
    expect(input).toEqual({ level: 3, school: null });
    expect(spellEntity.update.safeParse(input).success).toBe(true);
  });

  it('text that is not a number or not JSON is reported on its field and left out', () => {
    const { input, issues } = buildInput(spellFields, { ...filled, level: 'two', components: '{v: true' }, undefined);
    expect(issues.map((i) => i.field)).toEqual(['level', 'components']);
    expect(issues[0]!.message).toBe('Enter a number.');
    expect(issues[1]!.message).toMatch(/^Not valid JSON: /);
    expect(input).not.toHaveProperty('level');
    expect(fromText({ key: 'page', label: 'Page', input: 'integer' }, '1.5', undefined)).toEqual({ ok: false, message: 'Enter a whole number.' });
  });

  it("the schema's issues land on their field, deeper paths named; missing values read 'Required.'", () => {
    const { input } = buildInput(spellFields, { ...filled, level: '12', name: '', castingTime: '[{"unit": "fortnight"}]' }, undefined);
    const result = spellEntity.insert.safeParse(input);
    expect(result.success).toBe(false);
    const issues = issuesByField(spellFields, result.error!.issues);
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField['level']).toMatch(/9/);
    expect(byField['name']).toBe('Required.');
    expect(byField['castingTime']).toMatch(/^At \[0\]\.unit: Invalid option/);
  });

  it('an issue outside the declared fields is the form’s own (field undefined)', () => {
    expect(issuesByField(spellFields, [{ path: ['unknownKey'], message: 'unrecognized key' }])).toEqual([
      { field: undefined, message: 'At unknownKey: unrecognized key' },
    ]);
    expect(issuesByField(spellFields, [{ path: [], message: 'no fields to update' }])).toEqual([{ field: undefined, message: 'No fields to update' }]);
  });

  it('a stored row becomes the inputs’ text and back without change', () => {
    const row = { name: 'Zap', level: 0, classes: ['wizard'], components: { v: true }, isRitual: false, school: null, entries: ['x'] };
    const text = initialText(spellFields, row);
    expect(text).toMatchObject({ name: 'Zap', level: '0', classes: 'wizard', school: '', isRitual: false });
    expect(buildInput(spellFields, text, text).input).toEqual({});
  });
});

describe('suggested ids', () => {
  it('follow the importer\'s rule (its slug): name and book code joined by "-"', () => {
    expect(suggestedId('Zap of Testing', 'HB')).toBe('zap-of-testing-hb');
    expect(suggestedId("Tasha's Hideous Laughter", 'PHB')).toBe('tashas-hideous-laughter-phb');
    expect(suggestedId('+1 Longsword', 'DMG')).toBe('plus-1-longsword-dmg');
    expect(suggestedId('Éclair', '')).toBe('eclair');
    expect(suggestedId('', '')).toBe('');
  });
});

describe("the import summary's groups", () => {
  it('records with the same reason but other particulars share a group, largest first', () => {
    const warnings = [
      'its value 0.2 cp is not a whole number of copper pieces; value_cp left empty',
      'its value 0.1 cp is not a whole number of copper pieces; value_cp left empty',
      'its challenge rating "Unknown" is not a rating; stored as none',
      'its value 0.2 cp is not a whole number of copper pieces; value_cp left empty',
    ];
    const groups = groupBy(warnings, reasonKey);
    expect(groups.map(([key, items]) => [key, items.length])).toEqual([
      ['its value … cp is not a whole number of copper pieces; value_cp left empty', 3],
      ['its challenge rating "…" is not a rating; stored as none', 1],
    ]);
    expect(reasonKey('its id potion-of-healing-dmg is already taken')).toBe('its id potion-of-healing-dmg is already taken');
  });
});
