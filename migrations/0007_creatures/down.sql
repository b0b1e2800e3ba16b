DROP TABLE creatures;
