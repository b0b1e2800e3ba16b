-- Deleting a catalog row removes the references it makes (content_references rows with it as the
-- source). References to it stay: they are broken links from then on (no row has their target id).
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
