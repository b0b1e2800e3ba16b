-- Spells, plus spell_classes: a trigger-maintained lookup that answers "spells of class X"
-- through an index. spells.classes (JSON) stays the source of truth.
CREATE TABLE spells (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 9),
  school TEXT CHECK (school IS NULL OR school IN ('A', 'C', 'D', 'E', 'I', 'N', 'T', 'V')),
  casting_time TEXT CHECK (casting_time IS NULL OR json_valid(casting_time)),
  range TEXT CHECK (range IS NULL OR json_valid(range)),
  components TEXT CHECK (components IS NULL OR json_valid(components)),
  duration TEXT CHECK (duration IS NULL OR json_valid(duration)),
  is_ritual INTEGER NOT NULL DEFAULT 0 CHECK (is_ritual IN (0, 1)),
  is_concentration INTEGER NOT NULL DEFAULT 0 CHECK (is_concentration IN (0, 1)),
  saving_throw TEXT CHECK (saving_throw IS NULL OR (json_valid(saving_throw) AND json_type(saving_throw) = 'array')),
  damage_type TEXT CHECK (damage_type IS NULL OR (json_valid(damage_type) AND json_type(damage_type) = 'array')),
  upcast_info TEXT CHECK (upcast_info IS NULL OR json_valid(upcast_info)),
  classes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(classes) AND json_type(classes) = 'array'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  classes_display TEXT GENERATED ALWAYS AS (
    CASE WHEN json_array_length(classes) = 0 THEN NULL
    ELSE replace(replace(replace(json(classes), '["', ''), '"]', ''), '","', ', ') END
  ) STORED
);
CREATE INDEX spells_source_id_idx ON spells (source_id);
CREATE INDEX spells_rule_system_id_idx ON spells (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX spells_name_idx ON spells (name);
CREATE INDEX spells_level_idx ON spells (level);
CREATE INDEX spells_school_idx ON spells (school);

CREATE TABLE spell_classes (
  class_name TEXT NOT NULL,
  spell_id TEXT NOT NULL REFERENCES spells (id) ON DELETE CASCADE,
  PRIMARY KEY (class_name, spell_id)
) WITHOUT ROWID;
CREATE INDEX spell_classes_spell_id_idx ON spell_classes (spell_id);

CREATE TRIGGER spells_classes_after_insert AFTER INSERT ON spells BEGIN
  INSERT OR IGNORE INTO spell_classes (class_name, spell_id)
    SELECT lower(value), NEW.id FROM json_each(NEW.classes) WHERE type = 'text';
END;
CREATE TRIGGER spells_classes_after_update AFTER UPDATE OF classes ON spells BEGIN
  DELETE FROM spell_classes WHERE spell_id = OLD.id;
  INSERT OR IGNORE INTO spell_classes (class_name, spell_id)
    SELECT lower(value), NEW.id FROM json_each(NEW.classes) WHERE type = 'text';
END;
