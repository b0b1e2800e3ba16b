-- Links between catalog entities (a spell mentioned in a creature's actions, a feat requiring a race).
-- Entity types are the catalog's table names; targets may point outside the loaded data set.
CREATE TABLE content_references (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_entity_id TEXT NOT NULL CHECK (length(source_entity_id) BETWEEN 1 AND 200),
  source_entity_type TEXT NOT NULL CHECK (source_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats')),
  target_entity_id TEXT NOT NULL CHECK (length(target_entity_id) BETWEEN 1 AND 200),
  target_entity_type TEXT NOT NULL CHECK (target_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats')),
  rule_system_id TEXT REFERENCES rule_systems (id) ON DELETE RESTRICT,
  reference_type TEXT NOT NULL DEFAULT 'mentions' CHECK (reference_type IN ('mentions', 'requires', 'grants', 'replaces', 'related')),
  context TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (source_entity_id, source_entity_type, target_entity_id, target_entity_type)
);
CREATE INDEX content_references_source_idx ON content_references (source_entity_id, source_entity_type);
CREATE INDEX content_references_target_idx ON content_references (target_entity_id, target_entity_type);
CREATE INDEX content_references_rule_system_id_idx ON content_references (rule_system_id);
