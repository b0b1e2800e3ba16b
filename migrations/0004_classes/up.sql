-- Classes and subclasses. A subclass row carries its parent's values and features merged in.
CREATE TABLE classes (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  class_type TEXT NOT NULL CHECK (class_type IN ('class', 'subclass')),
  parent_class_id TEXT REFERENCES classes (id) ON DELETE RESTRICT,
  hit_die INTEGER CHECK (hit_die IS NULL OR hit_die IN (4, 6, 8, 10, 12, 20)),
  primary_abilities TEXT CHECK (primary_abilities IS NULL OR json_valid(primary_abilities)),
  saving_throws TEXT CHECK (saving_throws IS NULL OR (json_valid(saving_throws) AND json_type(saving_throws) = 'array')),
  skill_proficiency_count INTEGER CHECK (skill_proficiency_count IS NULL OR skill_proficiency_count BETWEEN 0 AND 18),
  skill_proficiency_choices TEXT CHECK (skill_proficiency_choices IS NULL OR json_valid(skill_proficiency_choices)),
  starting_proficiencies TEXT CHECK (starting_proficiencies IS NULL OR json_valid(starting_proficiencies)),
  starting_equipment TEXT CHECK (starting_equipment IS NULL OR json_valid(starting_equipment)),
  spell_ability TEXT CHECK (spell_ability IS NULL OR spell_ability IN ('str', 'dex', 'con', 'int', 'wis', 'cha')),
  caster_progression TEXT CHECK (caster_progression IS NULL OR caster_progression IN ('full', '1/2', '1/3', 'pact', 'artificer')),
  subclass_title TEXT,
  subclass_level INTEGER CHECK (subclass_level IS NULL OR subclass_level BETWEEN 1 AND 20),
  features TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(features) AND json_type(features) = 'array'),
  spell_slots TEXT CHECK (spell_slots IS NULL OR json_valid(spell_slots)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((class_type = 'class') = (parent_class_id IS NULL))
);
CREATE INDEX classes_source_id_idx ON classes (source_id);
CREATE INDEX classes_rule_system_id_idx ON classes (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX classes_name_idx ON classes (name);
CREATE INDEX classes_class_type_idx ON classes (class_type);
CREATE INDEX classes_parent_class_id_idx ON classes (parent_class_id) WHERE parent_class_id IS NOT NULL;
CREATE INDEX classes_caster_progression_idx ON classes (caster_progression) WHERE caster_progression IS NOT NULL;
