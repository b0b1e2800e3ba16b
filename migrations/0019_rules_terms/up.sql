-- Rules terms (issue 11): conditions, diseases, statuses, rules (5etools variant rules and the
-- 2024 rules glossary), actions, senses and skills, the targets of {@condition}, {@variantrule} …
-- tags. An entity table like the seven others (the columns of 0009 + 0014), with its term type.
CREATE TABLE rules_terms (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9+-]*'),
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
  page INTEGER CHECK (page IS NULL OR page >= 0),
  entries TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entries) AND json_type(entries) = 'array'),
  term_type TEXT NOT NULL CHECK (term_type IN ('condition', 'disease', 'status', 'variant-rule', 'action', 'sense', 'skill')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array')),
  superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*')),
  unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object')),
  origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user')),
  user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64)
);
CREATE INDEX rules_terms_source_id_idx ON rules_terms (source_id);
CREATE INDEX rules_terms_rule_system_id_idx ON rules_terms (rule_system_id);
-- name is declared COLLATE NOCASE: this index serves prefix search and the resolution of tags.
CREATE INDEX rules_terms_name_idx ON rules_terms (name, id);
CREATE INDEX rules_terms_superseded_by_idx ON rules_terms (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE INDEX rules_terms_term_type_idx ON rules_terms (term_type);

-- User settings kept with the catalog (and so in its backups): one JSON value per known key.
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL CHECK (key IN ('preferred_rule_system')),
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- content_references may point from and to rules terms. SQLite cannot change a CHECK in place:
-- the table is rebuilt with its rows (ids kept), its indexes, and the delete triggers of 0016,
-- which are dropped first so that renaming the old table aside rewrites none of them.
DROP TRIGGER spells_references_after_delete;
DROP TRIGGER creatures_references_after_delete;
DROP TRIGGER items_references_after_delete;
DROP TRIGGER races_references_after_delete;
DROP TRIGGER classes_references_after_delete;
DROP TRIGGER backgrounds_references_after_delete;
DROP TRIGGER feats_references_after_delete;
ALTER TABLE content_references RENAME TO content_references_rebuilt_0019;
CREATE TABLE content_references (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_entity_id TEXT NOT NULL CHECK (length(source_entity_id) BETWEEN 1 AND 200),
  source_entity_type TEXT NOT NULL CHECK (source_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats', 'rules_terms')),
  target_entity_id TEXT NOT NULL CHECK (length(target_entity_id) BETWEEN 1 AND 200),
  target_entity_type TEXT NOT NULL CHECK (target_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats', 'rules_terms')),
  rule_system_id TEXT REFERENCES rule_systems (id) ON DELETE RESTRICT,
  reference_type TEXT NOT NULL DEFAULT 'mentions' CHECK (reference_type IN ('mentions', 'requires', 'grants', 'replaces', 'related')),
  context TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (source_entity_id, source_entity_type, target_entity_id, target_entity_type)
);
INSERT INTO content_references (id, source_entity_id, source_entity_type, target_entity_id, target_entity_type, rule_system_id, reference_type, context, created_at)
  SELECT id, source_entity_id, source_entity_type, target_entity_id, target_entity_type, rule_system_id, reference_type, context, created_at FROM content_references_rebuilt_0019 ORDER BY id;
DROP TABLE content_references_rebuilt_0019;
CREATE INDEX content_references_source_idx ON content_references (source_entity_id, source_entity_type);
CREATE INDEX content_references_target_idx ON content_references (target_entity_id, target_entity_type);
CREATE INDEX content_references_rule_system_id_idx ON content_references (rule_system_id);
CREATE TRIGGER spells_references_after_delete AFTER DELETE ON spells BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'spells';
END;
CREATE TRIGGER creatures_references_after_delete AFTER DELETE ON creatures BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'creatures';
END;
CREATE TRIGGER items_references_after_delete AFTER DELETE ON items BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'items';
END;
CREATE TRIGGER races_references_after_delete AFTER DELETE ON races BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'races';
END;
CREATE TRIGGER classes_references_after_delete AFTER DELETE ON classes BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'classes';
END;
CREATE TRIGGER backgrounds_references_after_delete AFTER DELETE ON backgrounds BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'backgrounds';
END;
CREATE TRIGGER feats_references_after_delete AFTER DELETE ON feats BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'feats';
END;
CREATE TRIGGER rules_terms_references_after_delete AFTER DELETE ON rules_terms BEGIN
  DELETE FROM content_references WHERE source_entity_id = OLD.id AND source_entity_type = 'rules_terms';
END;
