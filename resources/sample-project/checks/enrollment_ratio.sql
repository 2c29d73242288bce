-- name: enrollment_ratio
-- description: Students with a user vs Enrollments per tenant; flagged when the ratio is further than the tolerance from 1.0 (it should be about 1.0 after the Student → Enrollment refactor)
-- severity: warning
-- scope: tenant
-- param: tolerance numeric = 0.05
-- metrics: enrollment_ratio.metrics.sql
SELECT c.students,
       c.enrollments,
       round(c.enrollments::numeric / c.students, 4) AS ratio
  FROM (SELECT (SELECT count(*) FROM evaluations_student WHERE user_id IS NOT NULL) AS students,
               (SELECT count(*) FROM clases_enrollment) AS enrollments) c
 WHERE c.students > 0
   AND abs(c.enrollments::numeric / c.students - 1) > :tolerance
