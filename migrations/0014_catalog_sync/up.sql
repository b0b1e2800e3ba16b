-- Catalog sync (issue 7). On the seven entity tables: reprinted_as (5etools reprint links, as
-- written), superseded_by (id of the first newer printing in the same table; not a foreign key,
-- the newer book may be absent), unmapped (original values a typed column could not take).
-- On those and on sources, the provenance the importer's sync relies on: origin ('import' for
-- rows an import wrote, 'user' for rows made through the API) and user_edited_at (when the API
-- last changed the row; NULL if never). On items, the six 5etools item flags.

-- races
ALTER TABLE races ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE races ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE races ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE races ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE races ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX races_superseded_by_idx ON races (superseded_by) WHERE superseded_by IS NOT NULL;
-- classes
ALTER TABLE classes ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE classes ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE classes ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE classes ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE classes ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX classes_superseded_by_idx ON classes (superseded_by) WHERE superseded_by IS NOT NULL;
-- items
ALTER TABLE items ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE items ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE items ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE items ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE items ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX items_superseded_by_idx ON items (superseded_by) WHERE superseded_by IS NOT NULL;
ALTER TABLE items ADD COLUMN is_wondrous INTEGER NOT NULL DEFAULT 0 CHECK (is_wondrous IN (0, 1));
ALTER TABLE items ADD COLUMN is_tattoo INTEGER NOT NULL DEFAULT 0 CHECK (is_tattoo IN (0, 1));
ALTER TABLE items ADD COLUMN is_staff INTEGER NOT NULL DEFAULT 0 CHECK (is_staff IN (0, 1));
ALTER TABLE items ADD COLUMN is_cursed INTEGER NOT NULL DEFAULT 0 CHECK (is_cursed IN (0, 1));
ALTER TABLE items ADD COLUMN is_sentient INTEGER NOT NULL DEFAULT 0 CHECK (is_sentient IN (0, 1));
ALTER TABLE items ADD COLUMN is_poison INTEGER NOT NULL DEFAULT 0 CHECK (is_poison IN (0, 1));
CREATE INDEX items_is_wondrous_idx ON items (is_wondrous);
CREATE INDEX items_is_tattoo_idx ON items (is_tattoo);
CREATE INDEX items_is_staff_idx ON items (is_staff);
CREATE INDEX items_is_cursed_idx ON items (is_cursed);
CREATE INDEX items_is_sentient_idx ON items (is_sentient);
CREATE INDEX items_is_poison_idx ON items (is_poison);
-- spells
ALTER TABLE spells ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE spells ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE spells ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE spells ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE spells ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX spells_superseded_by_idx ON spells (superseded_by) WHERE superseded_by IS NOT NULL;
-- creatures
ALTER TABLE creatures ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE creatures ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE creatures ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE creatures ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE creatures ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX creatures_superseded_by_idx ON creatures (superseded_by) WHERE superseded_by IS NOT NULL;
-- backgrounds
ALTER TABLE backgrounds ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE backgrounds ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE backgrounds ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE backgrounds ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE backgrounds ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX backgrounds_superseded_by_idx ON backgrounds (superseded_by) WHERE superseded_by IS NOT NULL;
-- feats
ALTER TABLE feats ADD COLUMN reprinted_as TEXT CHECK (reprinted_as IS NULL OR (json_valid(reprinted_as) AND json_type(reprinted_as) = 'array'));
ALTER TABLE feats ADD COLUMN superseded_by TEXT CHECK (superseded_by IS NULL OR (length(superseded_by) BETWEEN 1 AND 200 AND superseded_by NOT GLOB '*[^a-z0-9+-]*'));
ALTER TABLE feats ADD COLUMN unmapped TEXT CHECK (unmapped IS NULL OR (json_valid(unmapped) AND json_type(unmapped) = 'object'));
ALTER TABLE feats ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE feats ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);
CREATE INDEX feats_superseded_by_idx ON feats (superseded_by) WHERE superseded_by IS NOT NULL;
-- sources
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('import', 'user'));
ALTER TABLE sources ADD COLUMN user_edited_at TEXT CHECK (user_edited_at IS NULL OR length(user_edited_at) BETWEEN 1 AND 64);

-- Rows already in the catalog: the importer wrote a row if it was created while a 5etools
-- import ran (between that run's started_at and completed_at), and the user edited it since if
-- its last change falls outside every import run. Everything else was made through the API.
UPDATE sources SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND sources.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE sources SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND sources.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE races SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND races.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE races SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND races.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE classes SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND classes.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE classes SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND classes.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE items SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND items.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE items SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND items.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE spells SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND spells.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE spells SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND spells.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE creatures SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND creatures.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE creatures SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND creatures.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE backgrounds SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND backgrounds.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE backgrounds SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND backgrounds.updated_at BETWEEN l.started_at AND l.completed_at);
UPDATE feats SET origin = 'import' WHERE EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND feats.created_at BETWEEN l.started_at AND l.completed_at);
UPDATE feats SET user_edited_at = updated_at WHERE origin = 'import' AND NOT EXISTS (
  SELECT 1 FROM import_log l WHERE l.file_type = '5etools' AND l.import_status IN ('success', 'partial')
    AND feats.updated_at BETWEEN l.started_at AND l.completed_at);
