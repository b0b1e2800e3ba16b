-- The insert and update triggers of catalog_search as they were, without the deferral.
DROP TRIGGER spells_search_after_insert;
CREATE TRIGGER spells_search_after_insert AFTER INSERT ON spells BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('spells', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries, NEW.upcast_info));
END;
DROP TRIGGER spells_search_after_update;
CREATE TRIGGER spells_search_after_update AFTER UPDATE ON spells
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.entries IS NOT NEW.entries
  OR OLD.upcast_info IS NOT NEW.upcast_info
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries, OLD.upcast_info) FROM search_documents WHERE entity_type = 'spells' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'spells' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries, NEW.upcast_info) FROM search_documents WHERE entity_type = 'spells' AND entity_id = NEW.id;
END;
DROP TRIGGER creatures_search_after_insert;
CREATE TRIGGER creatures_search_after_insert AFTER INSERT ON creatures BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('creatures', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.type, NEW.type_tags, NEW.entries, NEW.traits, NEW.actions, NEW.reactions, NEW.legendary_actions, NEW.lair_actions, NEW.regional_effects));
END;
DROP TRIGGER creatures_search_after_update;
CREATE TRIGGER creatures_search_after_update AFTER UPDATE ON creatures
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.type IS NOT NEW.type
  OR OLD.type_tags IS NOT NEW.type_tags
  OR OLD.entries IS NOT NEW.entries
  OR OLD.traits IS NOT NEW.traits
  OR OLD.actions IS NOT NEW.actions
  OR OLD.reactions IS NOT NEW.reactions
  OR OLD.legendary_actions IS NOT NEW.legendary_actions
  OR OLD.lair_actions IS NOT NEW.lair_actions
  OR OLD.regional_effects IS NOT NEW.regional_effects
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.type, OLD.type_tags, OLD.entries, OLD.traits, OLD.actions, OLD.reactions, OLD.legendary_actions, OLD.lair_actions, OLD.regional_effects) FROM search_documents WHERE entity_type = 'creatures' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'creatures' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.type, NEW.type_tags, NEW.entries, NEW.traits, NEW.actions, NEW.reactions, NEW.legendary_actions, NEW.lair_actions, NEW.regional_effects) FROM search_documents WHERE entity_type = 'creatures' AND entity_id = NEW.id;
END;
DROP TRIGGER items_search_after_insert;
CREATE TRIGGER items_search_after_insert AFTER INSERT ON items BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('items', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
DROP TRIGGER items_search_after_update;
CREATE TRIGGER items_search_after_update AFTER UPDATE ON items
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.entries IS NOT NEW.entries
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'items' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'items' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries) FROM search_documents WHERE entity_type = 'items' AND entity_id = NEW.id;
END;
DROP TRIGGER races_search_after_insert;
CREATE TRIGGER races_search_after_insert AFTER INSERT ON races BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('races', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
DROP TRIGGER races_search_after_update;
CREATE TRIGGER races_search_after_update AFTER UPDATE ON races
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.entries IS NOT NEW.entries
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'races' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'races' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries) FROM search_documents WHERE entity_type = 'races' AND entity_id = NEW.id;
END;
DROP TRIGGER classes_search_after_insert;
CREATE TRIGGER classes_search_after_insert AFTER INSERT ON classes BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('classes', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries, mimir_own_features(NEW.class_type, NEW.features)));
END;
DROP TRIGGER classes_search_after_update;
CREATE TRIGGER classes_search_after_update AFTER UPDATE ON classes
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.class_type IS NOT NEW.class_type
  OR OLD.entries IS NOT NEW.entries
  OR OLD.features IS NOT NEW.features
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries, mimir_own_features(OLD.class_type, OLD.features)) FROM search_documents WHERE entity_type = 'classes' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'classes' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries, mimir_own_features(NEW.class_type, NEW.features)) FROM search_documents WHERE entity_type = 'classes' AND entity_id = NEW.id;
END;
DROP TRIGGER backgrounds_search_after_insert;
CREATE TRIGGER backgrounds_search_after_insert AFTER INSERT ON backgrounds BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('backgrounds', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
DROP TRIGGER backgrounds_search_after_update;
CREATE TRIGGER backgrounds_search_after_update AFTER UPDATE ON backgrounds
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.entries IS NOT NEW.entries
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'backgrounds' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'backgrounds' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries) FROM search_documents WHERE entity_type = 'backgrounds' AND entity_id = NEW.id;
END;
DROP TRIGGER feats_search_after_insert;
CREATE TRIGGER feats_search_after_insert AFTER INSERT ON feats BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('feats', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
DROP TRIGGER feats_search_after_update;
CREATE TRIGGER feats_search_after_update AFTER UPDATE ON feats
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name COLLATE BINARY
  OR OLD.source_id IS NOT NEW.source_id
  OR OLD.rule_system_id IS NOT NEW.rule_system_id
  OR OLD.entries IS NOT NEW.entries
BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'feats' AND entity_id = OLD.id;
  UPDATE search_documents SET entity_id = NEW.id, name = NEW.name, folded_name = mimir_fold(NEW.name),
    source_id = NEW.source_id, rule_system_id = NEW.rule_system_id
    WHERE entity_type = 'feats' AND entity_id = OLD.id;
  INSERT INTO search_index (rowid, name, body)
    SELECT doc_id, NEW.name, mimir_search_text(NEW.entries) FROM search_documents WHERE entity_type = 'feats' AND entity_id = NEW.id;
END;
