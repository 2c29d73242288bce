-- name: enrollment_without_student
-- description: Enrollments with no Student of the same user and group — normal for enrollments made after the refactor, listed for information
-- severity: info
-- scope: tenant
SELECT e.id AS enrollment_id,
       e.user_id,
       e.group_id,
       e.created_at
  FROM clases_enrollment e
 WHERE NOT EXISTS (
         SELECT 1
           FROM evaluations_student s
          WHERE s.user_id = e.user_id
            AND s.group_id = e.group_id)
 ORDER BY e.id
