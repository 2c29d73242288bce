-- name: tenant_without_tokens
-- description: every registered tenant has its AI and CWU tokens, as the token generation command leaves them; django-tenants registry public.customers_client
-- severity: error
-- scope: shared
-- fix: tenant_without_tokens.fix.sql
SELECT c.schema_name AS tenant,
       c.name,
       coalesce(c.ai_token, '') = '' AS missing_ai_token,
       coalesce(c.cwu_token, '') = '' AS missing_cwu_token
  FROM public.customers_client c
 WHERE c.schema_name <> 'public'
   AND (coalesce(c.ai_token, '') = '' OR coalesce(c.cwu_token, '') = '')
 ORDER BY c.schema_name
