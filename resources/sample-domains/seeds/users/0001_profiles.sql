INSERT INTO profiles (account_id, full_name, kind)
SELECT a.id, p.full_name, p.kind
  FROM (VALUES ('ana@escuela.example', 'Ana Pérez', 'teacher'), ('bruno@escuela.example', 'Bruno Díaz', 'student'), ('carla@escuela.example', 'Carla Díaz', 'parent')) AS p(email, full_name, kind)
  JOIN auth.accounts a ON a.email = p.email
ON CONFLICT (account_id) DO NOTHING;
