CREATE TABLE guardians (
  parent_id bigint NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  student_id bigint NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  PRIMARY KEY (parent_id, student_id)
);
