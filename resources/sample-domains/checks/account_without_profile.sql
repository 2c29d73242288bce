-- description: every active account has a user profile
-- severity: error
-- scope: auth
SELECT a.id, a.email
  FROM accounts a
 WHERE a.is_active AND NOT EXISTS (SELECT 1 FROM users.profiles p WHERE p.account_id = a.id)
