-- feat_type also accepts 'dragonmark' (5etools category D) and 'dark-gift' (DG).
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt: the old one is
-- renamed aside (nothing references feats: no foreign key or trigger is rewritten), created
-- again with the new constraint, its rows copied, the old table dropped and its indexes made
-- anew. The migration runs in one transaction with the others.
ALTER TABLE feats RENAME TO feats_rebuilt_0012;
CREATE TABLE feats (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  prerequisites TEXT CHECK (prerequisites IS NULL OR (json_valid(prerequisites) AND json_type(prerequisites) = 'array')),
  ability_increases TEXT CHECK (ability_increases IS NULL OR json_valid(ability_increases)),
  feat_type TEXT CHECK (feat_type IS NULL OR feat_type IN ('general', 'origin', 'fighting-style', 'epic', 'dragonmark', 'dark-gift')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO feats (id, name, rule_system_id, source_id, page, entries, prerequisites, ability_increases, feat_type, created_at, updated_at)
  SELECT id, name, rule_system_id, source_id, page, entries, prerequisites, ability_increases, feat_type, created_at, updated_at FROM feats_rebuilt_0012;
DROP TABLE feats_rebuilt_0012;
CREATE INDEX feats_source_id_idx ON feats (source_id);
CREATE INDEX feats_rule_system_id_idx ON feats (rule_system_id);
-- name is declared COLLATE NOCASE, so this index serves case-insensitive prefix search.
CREATE INDEX feats_name_idx ON feats (name);
CREATE INDEX feats_feat_type_idx ON feats (feat_type) WHERE feat_type IS NOT NULL;
