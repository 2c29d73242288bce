-- description: every student has a reinforcement plan
-- severity: warning
-- scope: plans
SELECT p.id, p.full_name
  FROM users.profiles p
 WHERE p.kind = 'student' AND NOT EXISTS (SELECT 1 FROM reinforcement_plans r WHERE r.student_id = p.id)
