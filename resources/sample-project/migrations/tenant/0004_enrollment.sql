-- Seed 000's 0006: Enrollment, a user in many groups.
CREATE TABLE clases_enrollment (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL,
  group_id bigint NOT NULL REFERENCES clases_group (id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, group_id)
);
