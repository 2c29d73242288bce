INSERT INTO roles (code, description) VALUES
  ('admin', 'Administrador'), ('teacher', 'Docente'), ('student', 'Estudiante'), ('parent', 'Madre, padre o tutor')
ON CONFLICT (code) DO NOTHING;
INSERT INTO accounts (email, password_hash) VALUES
  ('ana@escuela.example', 'x'), ('bruno@escuela.example', 'x'), ('carla@escuela.example', 'x')
ON CONFLICT (email) DO NOTHING;
