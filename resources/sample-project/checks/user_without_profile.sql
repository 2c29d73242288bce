-- name: user_without_profile
-- description: every active user has a UserProfile (the profile migration creates one per user); not applicable where auth_user / accounts_userprofile do not exist
-- severity: error
-- scope: tenant
SELECT u.id AS user_id,
       u.username
  FROM auth_user u
 WHERE u.is_active
   AND NOT EXISTS (SELECT 1 FROM accounts_userprofile p WHERE p.user_id = u.id)
 ORDER BY u.id
