-- name: student_without_enrollment
-- description: every Student with a user has an active Enrollment in the same group (what the Student → Enrollment data migration must leave behind)
-- severity: error
-- scope: tenant
-- fix: student_without_enrollment.fix.sql
SELECT s.id AS student_id,
       s.user_id,
       s.group_id,
       s.name AS student
  FROM evaluations_student s
 WHERE s.user_id IS NOT NULL
   AND s.group_id IS NOT NULL
   AND NOT EXISTS (
         SELECT 1
           FROM clases_enrollment e
          WHERE e.user_id = s.user_id
            AND e.group_id = s.group_id
            AND e.is_active)
 ORDER BY s.id
