/**
 * Classes: `class[]`, `subclass[]` and the feature records they reference by uid
 * (`"Name|Class|ClassSource|Level|Source"`, `"Name|Class|ClassSource|Subclass|SubclassSource|Level|Source"`).
 * Each class row lists its features with their level; a subclass row is the class merged with
 * the subclass (subclass values win) and lists the class's features followed by its own.
 * References inside feature text (`refClassFeature`, `refSubclassFeature`, `refOptionalfeature`)
 * are replaced by the referenced feature as a named entries block, so the text is complete.
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { classEntity } from '../../../src-shared/catalog/entities';
import type { ClassFeature } from '../../../src-shared/catalog/entities/shapes';
import type { ImportContext } from './context';
import { childId, recordId } from './ids';
import { clone, int, isRecord, list, orNull, refKey, str } from './raw';
import type { Mapped, Raw } from './types';

export type ClassInsert = InsertOf<typeof classEntity>;

export interface ClassData {
  classes: Raw[];
  subclasses: Raw[];
  classFeatures: Raw[];
  subclassFeatures: Raw[];
  optionalFeatures: Raw[];
}

const DEFAULT_SOURCE = 'PHB';

/** `"Action Surge|Fighter||2"` → lookup key of the class feature (class source defaults to PHB, feature source to the class source). */
export function classFeatureKey(uid: string): { key: string; name: string; level: number; source: string } {
  const [name = '', className = '', classSource, level = '', source] = uid.split('|');
  const cs = classSource || DEFAULT_SOURCE;
  const src = source || cs;
  return { key: refKey(name, className, cs, Number(level), src), name, level: Number(level), source: src };
}

/** `"Champion|Fighter||Champion||3"` → lookup key of the subclass feature. */
export function subclassFeatureKey(uid: string): { key: string; name: string; level: number; source: string } {
  const [name = '', className = '', classSource, shortName = '', subclassSource, level = '', source] = uid.split('|');
  const cs = classSource || DEFAULT_SOURCE;
  const ss = subclassSource || DEFAULT_SOURCE;
  const src = source || ss;
  return { key: refKey(name, className, cs, shortName, ss, Number(level), src), name, level: Number(level), source: src };
}

class FeatureIndex {
  private readonly classFeatures = new Map<string, Raw>();
  private readonly subclassFeatures = new Map<string, Raw>();
  private readonly optionalFeatures = new Map<string, Raw>();

  constructor(data: ClassData) {
    for (const f of data.classFeatures) {
      this.classFeatures.set(refKey(str(f['name']), str(f['className']), str(f['classSource']), int(f['level']), str(f['source'])), f);
    }
    for (const f of data.subclassFeatures) {
      this.subclassFeatures.set(
        refKey(str(f['name']), str(f['className']), str(f['classSource']), str(f['subclassShortName']), str(f['subclassSource']), int(f['level']), str(f['source'])),
        f,
      );
    }
    for (const f of data.optionalFeatures) this.optionalFeatures.set(refKey(str(f['name']), str(f['source'])), f);
  }

  classFeature(uid: string): Raw | undefined {
    return this.classFeatures.get(classFeatureKey(uid).key);
  }

  subclassFeature(uid: string): Raw | undefined {
    return this.subclassFeatures.get(subclassFeatureKey(uid).key);
  }

  optionalFeature(uid: string): Raw | undefined {
    const [name, source] = uid.split('|');
    return this.optionalFeatures.get(refKey(name, source || DEFAULT_SOURCE));
  }

  /** Entries with feature references replaced by the features' text (missing ones kept and reported). */
  resolveRefs(entries: unknown, report: (message: string) => void, depth = 0): unknown {
    if (Array.isArray(entries)) return entries.map((e) => this.resolveRefs(e, report, depth));
    if (!isRecord(entries)) return entries;
    const ref = this.referenced(entries);
    if (ref) {
      if (!ref.feature) {
        report(`${ref.what} ${ref.uid} is not in the data; its reference is kept unresolved`);
        return entries;
      }
      if (depth > 10) return entries;
      return {
        type: 'entries',
        name: str(ref.feature['name']) ?? ref.uid,
        entries: this.resolveRefs(list(ref.feature['entries']) ?? [], report, depth + 1),
      };
    }
    const out: Raw = {};
    for (const [key, value] of Object.entries(entries)) out[key] = key === 'entries' || key === 'items' ? this.resolveRefs(value, report, depth) : value;
    return out;
  }

  private referenced(entry: Raw): { what: string; uid: string; feature: Raw | undefined } | undefined {
    const type = entry['type'];
    const uid =
      type === 'refClassFeature' ? str(entry['classFeature']) : type === 'refSubclassFeature' ? str(entry['subclassFeature']) : type === 'refOptionalfeature' ? str(entry['optionalfeature']) : undefined;
    if (uid === undefined) return undefined;
    if (type === 'refClassFeature') return { what: 'class feature', uid, feature: this.classFeature(uid) };
    if (type === 'refSubclassFeature') return { what: 'subclass feature', uid, feature: this.subclassFeature(uid) };
    return { what: 'optional feature', uid, feature: this.optionalFeature(uid) };
  }
}

/** The uid a class's or subclass's feature list gives: a string or `{classFeature: "…", gainSubclassFeature}`. */
function featureUid(item: unknown, prop: 'classFeature' | 'subclassFeature'): { uid?: string; gainSubclassFeature: boolean } {
  if (typeof item === 'string') return { uid: item, gainSubclassFeature: false };
  if (isRecord(item)) return { uid: str(item[prop]), gainSubclassFeature: item['gainSubclassFeature'] === true };
  return { gainSubclassFeature: false };
}

/** `{or: [{str: 13, dex: 13}]}` → `[{str: true}, {dex: true}]`; `{str: 13, cha: 13}` → `[{str: true, cha: true}]`. */
export function primaryAbilitiesFromRequirements(requirements: unknown): Raw[] | null {
  if (!isRecord(requirements)) return null;
  const out: Raw[] = [];
  const abilities = ['str', 'dex', 'con', 'int', 'wis', 'cha'];
  for (const alternative of list(requirements['or']) ?? []) {
    if (isRecord(alternative)) for (const key of Object.keys(alternative)) if (abilities.includes(key)) out.push({ [key]: true });
  }
  const all = Object.keys(requirements).filter((key) => abilities.includes(key));
  if (all.length > 0) out.push(Object.fromEntries(all.map((key) => [key, true])));
  return out.length > 0 ? out : null;
}

export function mapClasses(data: ClassData, ctx: ImportContext): Mapped<ClassInsert> {
  const features = new FeatureIndex(data);
  const rows: ClassInsert[] = [];
  const classRows = new Map<string, { raw: Raw; row: ClassInsert }>();
  let generated = 0;

  ctx.each('classes', data.classes, (klass) => {
    if (klass['_versionOf'] !== undefined) generated += 1;
    const row = mapClass(klass, features, ctx);
    if (!row) return;
    rows.push(row);
    classRows.set(refKey(str(klass['name']), str(klass['source'])), { raw: klass, row });
  });

  ctx.each('classes', data.subclasses, (subclass) => {
    if (subclass['_versionOf'] !== undefined) generated += 1;
    const className = str(subclass['className']);
    const classSource = str(subclass['classSource']) ?? DEFAULT_SOURCE;
    const parent = classRows.get(refKey(className, classSource));
    if (!parent) {
      ctx.skip('classes', subclass, `its class ${className ?? '?'}|${classSource} is not in the data`);
      return;
    }
    const row = mapSubclass(subclass, parent, features, ctx);
    if (row) rows.push(row);
  });
  return { rows, read: data.classes.length + data.subclasses.length - generated, generated };
}

function featureOf(raw: Raw, level: number, entries: unknown, extra: Partial<ClassFeature>): ClassFeature {
  const page = int(raw['page']);
  return {
    name: str(raw['name']) ?? '',
    level,
    source: str(raw['source']) ?? DEFAULT_SOURCE,
    ...(page !== undefined ? { page } : {}),
    entries: entries as ClassFeature['entries'],
    ...extra,
  };
}

function mapClass(klass: Raw, features: FeatureIndex, ctx: ImportContext): ClassInsert | undefined {
  const name = str(klass['name']);
  const placement = ctx.placement('classes', klass);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('classes', klass, 'the class has no name');
    return undefined;
  }
  const id = ctx.id('classes', klass, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;

  const list_: ClassFeature[] = [];
  let subclassLevel: number | null = null;
  for (const item of list(klass['classFeatures']) ?? []) {
    const { uid, gainSubclassFeature } = featureUid(item, 'classFeature');
    if (uid === undefined) continue;
    const feature = features.classFeature(uid);
    const { level } = classFeatureKey(uid);
    if (gainSubclassFeature && subclassLevel === null && Number.isInteger(level)) subclassLevel = level;
    if (!feature) {
      ctx.warn('classes', klass, `class feature ${uid} (level ${level}) is not in the data; left out of the features`);
      continue;
    }
    const entries = features.resolveRefs(list(feature['entries']) ?? [], (message) => ctx.warn('classes', klass, `in ${str(feature['name'])}: ${message}`));
    list_.push(featureOf(feature, int(feature['level']) ?? level, entries, gainSubclassFeature ? { gainSubclassFeature: true } : {}));
  }

  const proficiencies = isRecord(klass['startingProficiencies']) ? klass['startingProficiencies'] : undefined;
  const skills = list(proficiencies?.['skills']);
  const firstSkill = isRecord(skills?.[0]) ? skills[0] : undefined;
  const choose = isRecord(firstSkill?.['choose']) ? firstSkill['choose'] : undefined;
  const skillCount = choose ? (int(choose['count']) ?? 1) : int(firstSkill?.['any']);
  const hd = isRecord(klass['hd']) ? klass['hd'] : undefined;

  return {
    id,
    name,
    ...placement,
    page: orNull(int(klass['page'])),
    entries: [],
    classType: 'class',
    parentClassId: null,
    hitDie: orNull(int(hd?.['faces'])),
    primaryAbilities: orNull(list(klass['primaryAbility']) ?? primaryAbilitiesFromRequirements(isRecord(klass['multiclassing']) ? klass['multiclassing']['requirements'] : undefined)),
    savingThrows: orNull(klass['proficiency']),
    skillProficiencyCount: orNull(skillCount),
    skillProficiencyChoices: orNull(skills),
    startingProficiencies: orNull(proficiencies),
    startingEquipment: orNull(klass['startingEquipment']),
    spellAbility: orNull(str(klass['spellcastingAbility'])),
    casterProgression: orNull(str(klass['casterProgression'])),
    subclassTitle: orNull(str(klass['subclassTitle'])),
    subclassLevel,
    features: list_,
    spellSlots: orNull(klass['classTableGroups']),
    ...ctx.editions('classes', klass),
  };
}

function mapSubclass(subclass: Raw, parent: { raw: Raw; row: ClassInsert }, features: FeatureIndex, ctx: ImportContext): ClassInsert | undefined {
  const name = str(subclass['name']);
  const placement = ctx.placement('classes', subclass);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('classes', subclass, 'the subclass has no name');
    return undefined;
  }
  const parentLabel = { name: str(parent.raw['name']) ?? '', source: str(parent.raw['source']) ?? '' };
  const id = ctx.id('classes', subclass, () => childId(parentLabel, str(subclass['shortName']) ?? name, placement.sourceId));
  if (id === undefined) return undefined;

  const own: ClassFeature[] = [];
  for (const item of list(subclass['subclassFeatures']) ?? []) {
    const { uid } = featureUid(item, 'subclassFeature');
    if (uid === undefined) continue;
    const feature = features.subclassFeature(uid);
    const { level } = subclassFeatureKey(uid);
    if (!feature) {
      ctx.warn('classes', subclass, `subclass feature ${uid} (level ${level}) is not in the data; left out of the features`);
      continue;
    }
    const entries = features.resolveRefs(list(feature['entries']) ?? [], (message) => ctx.warn('classes', subclass, `in ${str(feature['name'])}: ${message}`));
    own.push(
      featureOf(feature, int(feature['level']) ?? level, entries, {
        subclassShortName: str(feature['subclassShortName']) ?? str(subclass['shortName']) ?? name,
        subclassSource: str(feature['subclassSource']) ?? placement.sourceId,
      }),
    );
  }
  // The class's features first, then the subclass's, each group in level order (stable sort).
  const merged = [...clone(parent.row.features ?? []), ...own].sort((a, b) => a.level - b.level);
  const subclassTables = list(subclass['subclassTableGroups']);
  const spellSlots = [...(list(parent.row.spellSlots) ?? []), ...(subclassTables ?? [])];

  return {
    ...clone(parent.row),
    id,
    name,
    ...placement,
    page: orNull(int(subclass['page'])),
    entries: [],
    classType: 'subclass',
    parentClassId: parent.row.id,
    spellAbility: orNull(str(subclass['spellcastingAbility'])) ?? parent.row.spellAbility ?? null,
    casterProgression: orNull(str(subclass['casterProgression'])) ?? parent.row.casterProgression ?? null,
    features: merged,
    spellSlots: spellSlots.length > 0 ? (spellSlots as ClassInsert['spellSlots']) : null,
    ...ctx.editions('classes', subclass),
  };
}
