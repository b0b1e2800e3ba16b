-- List pages sorted by name: the name index also holds the id, the tiebreak of every sort, so
-- a page in name order (and its total) is read from the index alone, with no sort step; name
-- is declared COLLATE NOCASE, so the index still serves case-insensitive prefix search.
DROP INDEX races_name_idx;
CREATE INDEX races_name_idx ON races (name, id);
DROP INDEX classes_name_idx;
CREATE INDEX classes_name_idx ON classes (name, id);
DROP INDEX items_name_idx;
CREATE INDEX items_name_idx ON items (name, id);
DROP INDEX spells_name_idx;
CREATE INDEX spells_name_idx ON spells (name, id);
DROP INDEX creatures_name_idx;
CREATE INDEX creatures_name_idx ON creatures (name, id);
DROP INDEX backgrounds_name_idx;
CREATE INDEX backgrounds_name_idx ON backgrounds (name, id);
DROP INDEX feats_name_idx;
CREATE INDEX feats_name_idx ON feats (name, id);
-- The spell facets Ritual and Concentration, answered from an index instead of a scan of the table.
CREATE INDEX spells_is_ritual_idx ON spells (is_ritual);
CREATE INDEX spells_is_concentration_idx ON spells (is_concentration);
