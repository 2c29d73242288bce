DELETE FROM clases_enrollment e
 USING evaluations_student s
 WHERE s.user_id = e.user_id AND s.group_id = e.group_id;
