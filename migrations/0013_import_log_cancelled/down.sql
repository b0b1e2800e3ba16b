-- Back to four statuses: a cancelled run is recorded as failed (its error_message says it was cancelled).
ALTER TABLE import_log RENAME TO import_log_rebuilt_0013;
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
INSERT INTO import_log (id, file_path, file_type, rule_system_id, source_id, import_status, records_processed, records_imported, error_message, started_at, completed_at, metadata)
  SELECT id, file_path, file_type, rule_system_id, source_id, CASE WHEN import_status = 'cancelled' THEN 'failed' ELSE import_status END, records_processed, records_imported, error_message, started_at, completed_at, metadata FROM import_log_rebuilt_0013;
-- Keep the AUTOINCREMENT counter, so an id is never handed out twice (rows may have been deleted).
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'import_log', seq FROM sqlite_sequence WHERE name = 'import_log_rebuilt_0013'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'import_log');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'import_log_rebuilt_0013'), 0))
  WHERE name = 'import_log';
DROP TABLE import_log_rebuilt_0013;
CREATE INDEX import_log_started_at_idx ON import_log (started_at);
CREATE INDEX import_log_rule_system_id_idx ON import_log (rule_system_id);
CREATE INDEX import_log_source_id_idx ON import_log (source_id);
