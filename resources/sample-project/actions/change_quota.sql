-- description: Change this tenant's plan quotas in the registry (agents, documents, storage)
-- param: max_agents integer = 10
-- param: max_documents integer = 1000
-- param: max_storage_mb integer = 1000
UPDATE public.customers_client
   SET max_agents = :max_agents,
       max_documents = :max_documents,
       max_storage_mb = :max_storage_mb
 WHERE schema_name = current_schema()
RETURNING schema_name, plan, max_agents, max_documents, max_storage_mb;
