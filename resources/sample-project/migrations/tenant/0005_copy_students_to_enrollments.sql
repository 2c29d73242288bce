-- Seed 000's 0007: copy every Student into an Enrollment in the same group.
INSERT INTO clases_enrollment (user_id, group_id)
SELECT user_id, group_id
  FROM evaluations_student
 WHERE user_id IS NOT NULL AND group_id IS NOT NULL
ON CONFLICT (user_id, group_id) DO NOTHING;
