DROP TABLE import_log;
