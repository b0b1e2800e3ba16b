DROP TABLE rule_systems;
