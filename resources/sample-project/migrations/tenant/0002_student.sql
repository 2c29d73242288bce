-- One group per student: the model seed 000's refactor replaces.
CREATE TABLE evaluations_student (
  id bigserial PRIMARY KEY,
  user_id integer,
  name text NOT NULL,
  group_id bigint REFERENCES clases_group (id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now()
);
