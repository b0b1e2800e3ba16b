-- Character backgrounds.
CREATE TABLE backgrounds (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  skill_proficiencies TEXT CHECK (skill_proficiencies IS NULL OR json_valid(skill_proficiencies)),
  language_proficiencies TEXT CHECK (language_proficiencies IS NULL OR json_valid(language_proficiencies)),
  tool_proficiencies TEXT CHECK (tool_proficiencies IS NULL OR json_valid(tool_proficiencies)),
  starting_equipment TEXT CHECK (starting_equipment IS NULL OR json_valid(starting_equipment)),
  feature_name TEXT,
  feature_text TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX backgrounds_source_id_idx ON backgrounds (source_id);
CREATE INDEX backgrounds_rule_system_id_idx ON backgrounds (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX backgrounds_name_idx ON backgrounds (name);
