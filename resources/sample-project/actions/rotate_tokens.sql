-- description: Rotate this tenant's AI and CWU tokens in the registry; only the first characters are shown back
-- param: rotate_cwu boolean = true
UPDATE public.customers_client
   SET ai_token = md5(gen_random_uuid()::text || clock_timestamp()::text || schema_name),
       cwu_token = CASE WHEN :rotate_cwu THEN md5(gen_random_uuid()::text || clock_timestamp()::text || schema_name || ':cwu') ELSE cwu_token END
 WHERE schema_name = current_schema()
RETURNING schema_name, left(ai_token, 6) || '…' AS ai_token_starts, left(cwu_token, 6) || '…' AS cwu_token_starts;
