-- description: creates the missing Enrollments (and reactivates an inactive one), as the deploy guide's troubleshooting does by hand
INSERT INTO clases_enrollment (user_id, group_id, is_active)
SELECT DISTINCT s.user_id, s.group_id, true
  FROM evaluations_student s
 WHERE s.user_id IS NOT NULL
   AND s.group_id IS NOT NULL
   AND NOT EXISTS (
         SELECT 1
           FROM clases_enrollment e
          WHERE e.user_id = s.user_id
            AND e.group_id = s.group_id
            AND e.is_active)
ON CONFLICT (user_id, group_id) DO UPDATE SET is_active = true
 WHERE NOT clases_enrollment.is_active
RETURNING id AS enrollment_id, user_id, group_id, is_active
