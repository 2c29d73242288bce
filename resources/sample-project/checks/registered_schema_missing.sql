-- name: registered_schema_missing
-- description: every tenant registered in public.customers_client has its schema (a django-tenants server fails on a tenant without one)
-- severity: warning
-- scope: shared
SELECT c.schema_name AS tenant,
       c.name
  FROM public.customers_client c
 WHERE c.schema_name <> 'public'
   AND NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = c.schema_name)
 ORDER BY c.schema_name
