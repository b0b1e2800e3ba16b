-- Base items, magic items and generic magic variants expanded onto each base item.
CREATE TABLE items (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  base_item_id TEXT REFERENCES items (id) ON DELETE RESTRICT,
  type TEXT CHECK (type IS NULL OR (length(type) BETWEEN 1 AND 16 AND instr(type, '|') = 0)),
  weight_lb REAL CHECK (weight_lb IS NULL OR weight_lb >= 0),
  value_cp INTEGER CHECK (value_cp IS NULL OR value_cp >= 0),
  armor_class INTEGER,
  damage TEXT CHECK (damage IS NULL OR json_valid(damage)),
  properties TEXT CHECK (properties IS NULL OR (json_valid(properties) AND json_type(properties) = 'array')),
  rarity TEXT CHECK (rarity IS NULL OR rarity IN ('common', 'uncommon', 'rare', 'very rare', 'legendary', 'artifact', 'varies', 'unknown', 'unknown (magic)')),
  requires_attunement INTEGER NOT NULL DEFAULT 0 CHECK (requires_attunement IN (0, 1)),
  attunement_prereq TEXT CHECK (attunement_prereq IS NULL OR json_valid(attunement_prereq)),
  magic_bonus INTEGER CHECK (magic_bonus IS NULL OR magic_bonus BETWEEN -5 AND 5),
  additional_properties TEXT CHECK (additional_properties IS NULL OR json_valid(additional_properties)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  is_magic INTEGER GENERATED ALWAYS AS (rarity IS NOT NULL) STORED
);
CREATE INDEX items_source_id_idx ON items (source_id);
CREATE INDEX items_rule_system_id_idx ON items (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX items_name_idx ON items (name);
CREATE INDEX items_base_item_id_idx ON items (base_item_id) WHERE base_item_id IS NOT NULL;
CREATE INDEX items_type_idx ON items (type);
CREATE INDEX items_rarity_idx ON items (rarity) WHERE rarity IS NOT NULL;
CREATE INDEX items_is_magic_idx ON items (is_magic);
