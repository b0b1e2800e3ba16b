DROP TRIGGER rules_terms_references_after_delete;
-- References from or to rules terms cannot exist without them; the others are kept.
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
  source_entity_type TEXT NOT NULL CHECK (source_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats')),
  target_entity_id TEXT NOT NULL CHECK (length(target_entity_id) BETWEEN 1 AND 200),
  target_entity_type TEXT NOT NULL CHECK (target_entity_type IN ('rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats')),
  rule_system_id TEXT REFERENCES rule_systems (id) ON DELETE RESTRICT,
  reference_type TEXT NOT NULL DEFAULT 'mentions' CHECK (reference_type IN ('mentions', 'requires', 'grants', 'replaces', 'related')),
  context TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (source_entity_id, source_entity_type, target_entity_id, target_entity_type)
);
INSERT INTO content_references (id, source_entity_id, source_entity_type, target_entity_id, target_entity_type, rule_system_id, reference_type, context, created_at)
  SELECT id, source_entity_id, source_entity_type, target_entity_id, target_entity_type, rule_system_id, reference_type, context, created_at FROM content_references_rebuilt_0019 WHERE source_entity_type <> 'rules_terms' AND target_entity_type <> 'rules_terms' ORDER BY id;
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
DROP TABLE settings;
DROP TABLE rules_terms;
