INSERT INTO reinforcement_plans (student_id, subject_code)
SELECT p.id, 'MAT' FROM users.profiles p
 WHERE p.kind = 'student' AND NOT EXISTS (SELECT 1 FROM reinforcement_plans r WHERE r.student_id = p.id AND r.subject_code = 'MAT');
