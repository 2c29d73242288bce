-- name: public_not_migrated
-- description: the shared schema public has applied migrations in its ledger (django_migrations or tenantry_migrations); a django-tenants server does not start while public is not migrated
-- severity: error
-- scope: shared
WITH ledgers AS (
  SELECT to_regclass('public.django_migrations') AS rel,
         'SELECT count(*) AS n FROM public.django_migrations' AS count_sql
  UNION ALL
  SELECT to_regclass('public.tenantry_migrations'),
         'SELECT count(*) AS n FROM public.tenantry_migrations WHERE state IN (''applied'', ''baselined'')'
), counted AS (
  -- query_to_xml runs a count only where the ledger exists, so a missing ledger is a finding, not an error.
  SELECT rel,
         CASE WHEN rel IS NULL THEN NULL
              ELSE (xpath('/row/n/text()', query_to_xml(count_sql, false, true, '')))[1]::text::int
         END AS applied
    FROM ledgers
)
SELECT 'public' AS schema,
       CASE WHEN count(rel) = 0 THEN 'no migration ledger in public'
            ELSE 'the migration ledger in public has no applied migrations'
       END AS problem
  FROM counted
HAVING coalesce(sum(applied), 0) = 0
