-- Full-text search over every entity kind (issue 11).
--
-- search_documents: one row per searchable entity row (its kind, id, name, folded name, source and
--   rule system), with its own INTEGER key: entity tables have text ids, and VACUUM may renumber
--   their implicit rowids.
-- search_index: FTS5 over the name and the body (the rules text as a reader sees it, markup reduced
--   by the shared tokenizer through mimir_search_text; a subclass's own features only, through
--   mimir_own_features). Contentless: the text is not stored a second time. A row's tokens are
--   removed with FTS5's 'delete' command and the text the row was indexed with, computed again
--   from its old values; that keeps the index's row and token totals (and so bm25) exactly those
--   of a rebuild, which contentless_delete does not (it never lowers them).
-- search_terms: the index's vocabulary per column (fts5vocab), for typo-tolerant name lookup.
-- Triggers keep search_documents and search_index in step with the entity tables, so a row saved
-- through the API is searchable at once. mimir_search_text, mimir_own_features and mimir_fold are
-- registered on every connection Mimir opens (src-main/db/search/functions.ts); a build that
-- changes the text they give must rebuild the index (roll this migration back and apply it again
-- in a new migration), since a 'delete' must name exactly the tokens that were indexed.
CREATE TABLE search_documents (
  doc_id INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('spells', 'creatures', 'items', 'races', 'classes', 'backgrounds', 'feats')),
  entity_id TEXT NOT NULL,
  name TEXT NOT NULL,
  folded_name TEXT NOT NULL,
  source_id TEXT NOT NULL,
  rule_system_id TEXT NOT NULL,
  UNIQUE (entity_type, entity_id)
);
CREATE INDEX search_documents_folded_name_idx ON search_documents (folded_name);

CREATE VIRTUAL TABLE search_index USING fts5(
  name, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
-- The words of every indexed name and body, with the column they occur in: typo tolerance
-- compares query words with the name words that share their first letter.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_index, 'col');

-- spells
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'spells', id, name, mimir_fold(name), source_id, rule_system_id FROM spells ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries, t.upcast_info) FROM spells t
  JOIN search_documents d ON d.entity_type = 'spells' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER spells_search_after_insert AFTER INSERT ON spells BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('spells', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries, NEW.upcast_info));
END;
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
CREATE TRIGGER spells_search_after_delete AFTER DELETE ON spells BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries, OLD.upcast_info) FROM search_documents WHERE entity_type = 'spells' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'spells' AND entity_id = OLD.id;
END;

-- creatures
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'creatures', id, name, mimir_fold(name), source_id, rule_system_id FROM creatures ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.type, t.type_tags, t.entries, t.traits, t.actions, t.reactions, t.legendary_actions, t.lair_actions, t.regional_effects) FROM creatures t
  JOIN search_documents d ON d.entity_type = 'creatures' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER creatures_search_after_insert AFTER INSERT ON creatures BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('creatures', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.type, NEW.type_tags, NEW.entries, NEW.traits, NEW.actions, NEW.reactions, NEW.legendary_actions, NEW.lair_actions, NEW.regional_effects));
END;
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
CREATE TRIGGER creatures_search_after_delete AFTER DELETE ON creatures BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.type, OLD.type_tags, OLD.entries, OLD.traits, OLD.actions, OLD.reactions, OLD.legendary_actions, OLD.lair_actions, OLD.regional_effects) FROM search_documents WHERE entity_type = 'creatures' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'creatures' AND entity_id = OLD.id;
END;

-- items
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'items', id, name, mimir_fold(name), source_id, rule_system_id FROM items ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries) FROM items t
  JOIN search_documents d ON d.entity_type = 'items' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER items_search_after_insert AFTER INSERT ON items BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('items', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
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
CREATE TRIGGER items_search_after_delete AFTER DELETE ON items BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'items' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'items' AND entity_id = OLD.id;
END;

-- races
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'races', id, name, mimir_fold(name), source_id, rule_system_id FROM races ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries) FROM races t
  JOIN search_documents d ON d.entity_type = 'races' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER races_search_after_insert AFTER INSERT ON races BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('races', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
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
CREATE TRIGGER races_search_after_delete AFTER DELETE ON races BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'races' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'races' AND entity_id = OLD.id;
END;

-- classes
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'classes', id, name, mimir_fold(name), source_id, rule_system_id FROM classes ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries, mimir_own_features(t.class_type, t.features)) FROM classes t
  JOIN search_documents d ON d.entity_type = 'classes' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER classes_search_after_insert AFTER INSERT ON classes BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('classes', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries, mimir_own_features(NEW.class_type, NEW.features)));
END;
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
CREATE TRIGGER classes_search_after_delete AFTER DELETE ON classes BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries, mimir_own_features(OLD.class_type, OLD.features)) FROM search_documents WHERE entity_type = 'classes' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'classes' AND entity_id = OLD.id;
END;

-- backgrounds
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'backgrounds', id, name, mimir_fold(name), source_id, rule_system_id FROM backgrounds ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries) FROM backgrounds t
  JOIN search_documents d ON d.entity_type = 'backgrounds' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER backgrounds_search_after_insert AFTER INSERT ON backgrounds BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('backgrounds', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
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
CREATE TRIGGER backgrounds_search_after_delete AFTER DELETE ON backgrounds BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'backgrounds' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'backgrounds' AND entity_id = OLD.id;
END;

-- feats
INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
  SELECT 'feats', id, name, mimir_fold(name), source_id, rule_system_id FROM feats ORDER BY rowid;
INSERT INTO search_index (rowid, name, body)
  SELECT d.doc_id, t.name, mimir_search_text(t.entries) FROM feats t
  JOIN search_documents d ON d.entity_type = 'feats' AND d.entity_id = t.id ORDER BY d.doc_id;
CREATE TRIGGER feats_search_after_insert AFTER INSERT ON feats BEGIN
  INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
    VALUES ('feats', NEW.id, NEW.name, mimir_fold(NEW.name), NEW.source_id, NEW.rule_system_id);
  INSERT INTO search_index (rowid, name, body) VALUES (last_insert_rowid(), NEW.name, mimir_search_text(NEW.entries));
END;
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
CREATE TRIGGER feats_search_after_delete AFTER DELETE ON feats BEGIN
  INSERT INTO search_index (search_index, rowid, name, body)
    SELECT 'delete', doc_id, OLD.name, mimir_search_text(OLD.entries) FROM search_documents WHERE entity_type = 'feats' AND entity_id = OLD.id;
  DELETE FROM search_documents WHERE entity_type = 'feats' AND entity_id = OLD.id;
END;
