-- Races and subraces. A subrace row carries its parent's values merged in (child wins).
CREATE TABLE races (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  race_type TEXT NOT NULL CHECK (race_type IN ('race', 'subrace')),
  parent_race_id TEXT REFERENCES races (id) ON DELETE RESTRICT,
  size TEXT CHECK (size IS NULL OR size IN ('F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V')),
  speed TEXT CHECK (speed IS NULL OR json_valid(speed)),
  ability_scores TEXT CHECK (ability_scores IS NULL OR json_valid(ability_scores)),
  age TEXT CHECK (age IS NULL OR json_valid(age)),
  alignment_tendency TEXT,
  language_proficiencies TEXT CHECK (language_proficiencies IS NULL OR json_valid(language_proficiencies)),
  trait_tags TEXT CHECK (trait_tags IS NULL OR (json_valid(trait_tags) AND json_type(trait_tags) = 'array')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((race_type = 'race') = (parent_race_id IS NULL))
);
CREATE INDEX races_source_id_idx ON races (source_id);
CREATE INDEX races_rule_system_id_idx ON races (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX races_name_idx ON races (name);
CREATE INDEX races_race_type_idx ON races (race_type);
CREATE INDEX races_parent_race_id_idx ON races (parent_race_id) WHERE parent_race_id IS NOT NULL;
