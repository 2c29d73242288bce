-- Reinforcement plans for a student in a subject.
CREATE TABLE reinforcement_plans (
  id bigserial PRIMARY KEY,
  student_id bigint NOT NULL REFERENCES users.profiles (id),
  subject_code text NOT NULL REFERENCES academic.subjects (code),
  created_by bigint REFERENCES users.profiles (id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'cancelled'))
);
CREATE TABLE plan_items (
  id bigserial PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES reinforcement_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL
);
CREATE TABLE plan_progress (
  item_id bigint PRIMARY KEY REFERENCES plan_items (id) ON DELETE CASCADE,
  done_at timestamptz
);
