-- Authentication and authorisation.
CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE roles (
  code text PRIMARY KEY CHECK (code IN ('admin', 'teacher', 'student', 'parent')),
  description text NOT NULL
);
CREATE TABLE account_roles (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (account_id, role)
);
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
