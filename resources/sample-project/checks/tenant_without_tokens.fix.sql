-- description: generates the missing tokens (64 hex characters from gen_random_uuid, PostgreSQL 13+); tokens already set are kept
UPDATE public.customers_client
   SET ai_token = CASE WHEN coalesce(ai_token, '') = '' THEN replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') ELSE ai_token END,
       cwu_token = CASE WHEN coalesce(cwu_token, '') = '' THEN replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') ELSE cwu_token END
 WHERE schema_name <> 'public'
   AND (coalesce(ai_token, '') = '' OR coalesce(cwu_token, '') = '')
RETURNING schema_name AS tenant, name
