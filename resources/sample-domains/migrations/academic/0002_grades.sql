CREATE TABLE grades (
  id bigserial PRIMARY KEY,
  course_id bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  student_id bigint NOT NULL REFERENCES users.profiles (id),
  score numeric(4, 2) NOT NULL CHECK (score BETWEEN 0 AND 10),
  graded_at date NOT NULL DEFAULT current_date
);
