DROP TABLE clases_enrollment;
