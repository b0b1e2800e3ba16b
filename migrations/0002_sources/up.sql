-- Sources: books and supplements. Ids are the publisher's book codes (PHB, MM, XPHB).
CREATE TABLE sources (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9-]*'),
  rule_system_id TEXT NOT NULL REFERENCES rule_systems (id) ON DELETE RESTRICT,
  full_name TEXT NOT NULL COLLATE NOCASE CHECK (length(full_name) > 0),
  abbreviation TEXT,
  published_date TEXT CHECK (published_date IS NULL OR date(published_date) IS published_date),
  version TEXT,
  is_official INTEGER NOT NULL DEFAULT 1 CHECK (is_official IN (0, 1)),
  is_srd INTEGER NOT NULL DEFAULT 0 CHECK (is_srd IN (0, 1)),
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX sources_rule_system_id_idx ON sources (rule_system_id);
CREATE INDEX sources_is_official_idx ON sources (is_official);
CREATE INDEX sources_is_srd_idx ON sources (is_srd);
