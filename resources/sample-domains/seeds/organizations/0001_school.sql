INSERT INTO organizations (name) VALUES ('Escuela Normal 1') ON CONFLICT (name) DO NOTHING;
