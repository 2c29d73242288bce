CREATE TABLE chat_sessions (
  id bigserial PRIMARY KEY,
  student_id bigint NOT NULL REFERENCES users.profiles (id),
  plan_id bigint REFERENCES plans.reinforcement_plans (id),
  started_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  session_id bigint NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  sender text NOT NULL CHECK (sender IN ('student', 'tutor', 'system')),
  body text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now()
);
