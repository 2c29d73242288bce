INSERT INTO subjects (code, name) VALUES ('MAT', 'Matemática'), ('LEN', 'Lengua'), ('CIE', 'Ciencias')
ON CONFLICT (code) DO NOTHING;
