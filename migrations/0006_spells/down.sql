DROP TRIGGER spells_classes_after_update;
DROP TRIGGER spells_classes_after_insert;
DROP TABLE spell_classes;
DROP TABLE spells;
