ALTER TABLE clases_enrollment DROP COLUMN is_active;
