-- Idempotent data seed, run in each new tenant (search_path = the tenant, public): the group new
-- students land in until someone assigns them. Running it twice changes nothing.
INSERT INTO clases_group (name)
SELECT 'Sin asignar'
 WHERE NOT EXISTS (SELECT 1 FROM clases_group WHERE name = 'Sin asignar');
