DROP TABLE content_references;
