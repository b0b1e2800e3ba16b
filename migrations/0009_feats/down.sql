DROP TABLE feats;
