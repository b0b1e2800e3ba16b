-- Creatures (5etools bestiary). cr_value is the challenge rating as a number, so range filters
-- compare numerically ("1/4" < "1/2" < "1" < "10") through an index.
CREATE TABLE creatures (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  size TEXT CHECK (size IS NULL OR size IN ('F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V')),
  type TEXT,
  type_tags TEXT CHECK (type_tags IS NULL OR (json_valid(type_tags) AND json_type(type_tags) = 'array')),
  alignment TEXT CHECK (alignment IS NULL OR json_valid(alignment)),
  armor_class TEXT CHECK (armor_class IS NULL OR json_valid(armor_class)),
  hit_points TEXT CHECK (hit_points IS NULL OR json_valid(hit_points)),
  speed TEXT CHECK (speed IS NULL OR json_valid(speed)),
  ability_scores TEXT CHECK (ability_scores IS NULL OR json_valid(ability_scores)),
  saving_throws TEXT CHECK (saving_throws IS NULL OR json_valid(saving_throws)),
  skills TEXT CHECK (skills IS NULL OR json_valid(skills)),
  damage_resistances TEXT CHECK (damage_resistances IS NULL OR json_valid(damage_resistances)),
  damage_immunities TEXT CHECK (damage_immunities IS NULL OR json_valid(damage_immunities)),
  condition_immunities TEXT CHECK (condition_immunities IS NULL OR json_valid(condition_immunities)),
  senses TEXT CHECK (senses IS NULL OR json_valid(senses)),
  languages TEXT CHECK (languages IS NULL OR json_valid(languages)),
  challenge_rating TEXT CHECK (challenge_rating IS NULL OR challenge_rating IN ('0', '1/8', '1/4', '1/2')
    OR (challenge_rating NOT GLOB '*[^0-9]*' AND challenge_rating NOT GLOB '0*' AND CAST(challenge_rating AS INTEGER) BETWEEN 1 AND 30)),
  proficiency_bonus INTEGER CHECK (proficiency_bonus IS NULL OR proficiency_bonus BETWEEN 0 AND 10),
  traits TEXT CHECK (traits IS NULL OR json_valid(traits)),
  actions TEXT CHECK (actions IS NULL OR json_valid(actions)),
  reactions TEXT CHECK (reactions IS NULL OR json_valid(reactions)),
  legendary_actions TEXT CHECK (legendary_actions IS NULL OR json_valid(legendary_actions)),
  lair_actions TEXT CHECK (lair_actions IS NULL OR json_valid(lair_actions)),
  regional_effects TEXT CHECK (regional_effects IS NULL OR json_valid(regional_effects)),
  environment TEXT CHECK (environment IS NULL OR (json_valid(environment) AND json_type(environment) = 'array')),
  is_npc INTEGER NOT NULL DEFAULT 0 CHECK (is_npc IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  cr_value REAL GENERATED ALWAYS AS (
    CASE WHEN challenge_rating IS NULL THEN NULL
    WHEN instr(challenge_rating, '/') > 0 THEN
      CAST(substr(challenge_rating, 1, instr(challenge_rating, '/') - 1) AS REAL)
        / CAST(substr(challenge_rating, instr(challenge_rating, '/') + 1) AS REAL)
    ELSE CAST(challenge_rating AS REAL) END
  ) STORED
);
CREATE INDEX creatures_source_id_idx ON creatures (source_id);
CREATE INDEX creatures_rule_system_id_idx ON creatures (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX creatures_name_idx ON creatures (name);
CREATE INDEX creatures_size_idx ON creatures (size);
CREATE INDEX creatures_type_idx ON creatures (type);
CREATE INDEX creatures_cr_value_idx ON creatures (cr_value);
