DROP TABLE clases_group;
