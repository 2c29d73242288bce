ALTER TABLE clases_enrollment ADD COLUMN is_active boolean NOT NULL DEFAULT true;
