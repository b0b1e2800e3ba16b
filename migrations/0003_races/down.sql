DROP TABLE races;
