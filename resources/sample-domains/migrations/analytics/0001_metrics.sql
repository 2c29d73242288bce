CREATE TABLE daily_metrics (
  organization_id bigint NOT NULL REFERENCES organizations.organizations (id),
  day date NOT NULL,
  active_students integer NOT NULL DEFAULT 0,
  messages integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, day)
);
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  profile_id bigint REFERENCES users.profiles (id),
  name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
