-- Subjects and courses.
CREATE TABLE subjects (
  code text PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE courses (
  id bigserial PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations.organizations (id),
  subject_code text NOT NULL REFERENCES subjects (code),
  teacher_id bigint REFERENCES users.profiles (id),
  year integer NOT NULL
);
CREATE TABLE enrollments (
  course_id bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  student_id bigint NOT NULL REFERENCES users.profiles (id),
  PRIMARY KEY (course_id, student_id)
);
