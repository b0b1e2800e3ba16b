-- One row per import run, including failed ones (written after the failed run rolled back).
CREATE TABLE import_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  file_path TEXT NOT NULL,
  file_type TEXT NOT NULL,
  rule_system_id TEXT REFERENCES rule_systems (id) ON DELETE RESTRICT,
  source_id TEXT REFERENCES sources (id) ON DELETE RESTRICT,
  import_status TEXT NOT NULL DEFAULT 'running' CHECK (import_status IN ('running', 'success', 'partial', 'failed')),
  records_processed INTEGER NOT NULL DEFAULT 0 CHECK (records_processed >= 0),
  records_imported INTEGER NOT NULL DEFAULT 0 CHECK (records_imported >= 0),
  error_message TEXT,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  completed_at TEXT,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object')
);
CREATE INDEX import_log_started_at_idx ON import_log (started_at);
CREATE INDEX import_log_rule_system_id_idx ON import_log (rule_system_id);
CREATE INDEX import_log_source_id_idx ON import_log (source_id);
