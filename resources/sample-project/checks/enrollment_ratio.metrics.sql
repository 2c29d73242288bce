-- description: Students with a user, Enrollments and their ratio in each tenant: the enrollment report
-- metric: students "Students" es:"Alumnos"
-- metric: enrollments "Enrollments" es:"Inscripciones"
-- metric: ratio = enrollments / students "Ratio" es:"Proporción"
SELECT c.students,
       c.enrollments,
       CASE WHEN c.students > 0 THEN round(c.enrollments::numeric / c.students, 4) END AS ratio
  FROM (SELECT (SELECT count(*) FROM evaluations_student WHERE user_id IS NOT NULL) AS students,
               (SELECT count(*) FROM clases_enrollment) AS enrollments) c
