CREATE TABLE organizations (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  country text NOT NULL DEFAULT 'AR'
);
CREATE TABLE memberships (
  organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  profile_id bigint NOT NULL REFERENCES users.profiles (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member',
  PRIMARY KEY (organization_id, profile_id)
);
