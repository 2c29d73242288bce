CREATE INDEX evaluations_student_group_id_idx ON evaluations_student (group_id);
