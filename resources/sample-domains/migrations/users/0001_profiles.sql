-- People: one profile per account (auth.accounts, the schema before this one).
CREATE TABLE profiles (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL UNIQUE REFERENCES auth.accounts (id),
  full_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('teacher', 'student', 'parent', 'admin'))
);
CREATE TABLE preferences (
  profile_id bigint PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
  language text NOT NULL DEFAULT 'es',
  notifications boolean NOT NULL DEFAULT true
);
