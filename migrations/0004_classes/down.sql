DROP TABLE classes;
