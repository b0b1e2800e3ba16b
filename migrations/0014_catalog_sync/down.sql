-- Undoes 0014: indexes first (SQLite refuses to drop an indexed column), then the columns.

-- sources
ALTER TABLE sources DROP COLUMN user_edited_at;
ALTER TABLE sources DROP COLUMN origin;
-- feats
DROP INDEX feats_superseded_by_idx;
ALTER TABLE feats DROP COLUMN user_edited_at;
ALTER TABLE feats DROP COLUMN origin;
ALTER TABLE feats DROP COLUMN unmapped;
ALTER TABLE feats DROP COLUMN superseded_by;
ALTER TABLE feats DROP COLUMN reprinted_as;
-- backgrounds
DROP INDEX backgrounds_superseded_by_idx;
ALTER TABLE backgrounds DROP COLUMN user_edited_at;
ALTER TABLE backgrounds DROP COLUMN origin;
ALTER TABLE backgrounds DROP COLUMN unmapped;
ALTER TABLE backgrounds DROP COLUMN superseded_by;
ALTER TABLE backgrounds DROP COLUMN reprinted_as;
-- creatures
DROP INDEX creatures_superseded_by_idx;
ALTER TABLE creatures DROP COLUMN user_edited_at;
ALTER TABLE creatures DROP COLUMN origin;
ALTER TABLE creatures DROP COLUMN unmapped;
ALTER TABLE creatures DROP COLUMN superseded_by;
ALTER TABLE creatures DROP COLUMN reprinted_as;
-- spells
DROP INDEX spells_superseded_by_idx;
ALTER TABLE spells DROP COLUMN user_edited_at;
ALTER TABLE spells DROP COLUMN origin;
ALTER TABLE spells DROP COLUMN unmapped;
ALTER TABLE spells DROP COLUMN superseded_by;
ALTER TABLE spells DROP COLUMN reprinted_as;
-- items
DROP INDEX items_is_poison_idx;
DROP INDEX items_is_sentient_idx;
DROP INDEX items_is_cursed_idx;
DROP INDEX items_is_staff_idx;
DROP INDEX items_is_tattoo_idx;
DROP INDEX items_is_wondrous_idx;
ALTER TABLE items DROP COLUMN is_poison;
ALTER TABLE items DROP COLUMN is_sentient;
ALTER TABLE items DROP COLUMN is_cursed;
ALTER TABLE items DROP COLUMN is_staff;
ALTER TABLE items DROP COLUMN is_tattoo;
ALTER TABLE items DROP COLUMN is_wondrous;
DROP INDEX items_superseded_by_idx;
ALTER TABLE items DROP COLUMN user_edited_at;
ALTER TABLE items DROP COLUMN origin;
ALTER TABLE items DROP COLUMN unmapped;
ALTER TABLE items DROP COLUMN superseded_by;
ALTER TABLE items DROP COLUMN reprinted_as;
-- classes
DROP INDEX classes_superseded_by_idx;
ALTER TABLE classes DROP COLUMN user_edited_at;
ALTER TABLE classes DROP COLUMN origin;
ALTER TABLE classes DROP COLUMN unmapped;
ALTER TABLE classes DROP COLUMN superseded_by;
ALTER TABLE classes DROP COLUMN reprinted_as;
-- races
DROP INDEX races_superseded_by_idx;
ALTER TABLE races DROP COLUMN user_edited_at;
ALTER TABLE races DROP COLUMN origin;
ALTER TABLE races DROP COLUMN unmapped;
ALTER TABLE races DROP COLUMN superseded_by;
ALTER TABLE races DROP COLUMN reprinted_as;
