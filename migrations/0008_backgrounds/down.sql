DROP TABLE backgrounds;
