import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { countPatternSchemas, djangoCandidates, nativeRegistryInstalled } from './registry-catalog';
import { countRegistered, nativeHasRows } from './registry-reads';
import { globToLike, parseRegistrySpec, type RegistrySpec } from './registry-spec';
import { splitQualified } from './registry-table';

/** Finds the tenant registry the profile names (or, for auto, the one that is there) and counts its tenants. */
export async function detectRegistry(client: ClientBase, specText: string | undefined): Promise<RegistryInfo> {
  const spec = parseRegistrySpec(specText);
  const resolved = await resolveSpec(client, spec);
  return { ...resolved, tenantCount: await countTenants(client, resolved) };
}

type Resolved = Omit<RegistryInfo, 'tenantCount'>;

/** Which registry the spec names (or, for auto, the one that is there), without counting its tenants. */
export async function resolveRegistry(client: ClientBase, specText: string | undefined): Promise<Resolved> {
  return resolveSpec(client, parseRegistrySpec(specText));
}

async function resolveSpec(client: ClientBase, spec: RegistrySpec): Promise<Resolved> {
  if (spec.kind === 'pattern') return { kind: 'pattern', source: spec.glob };
  if (spec.kind === 'native' || spec.kind === 'auto') {
    const exists = await nativeRegistryInstalled(client);
    const hasRows = exists && (await nativeHasRows(client));
    if (spec.kind === 'native') {
      if (!exists)
        throw new AppError(
          'REGISTRY_NOT_FOUND',
          'The native registry (tenantry.tenants) is not installed in this database.',
          'Install it from the Tenants screen, or choose another registry in the profile.',
        );
      return { kind: 'native', source: 'tenantry.tenants', domainTable: 'tenantry.domains' };
    }
    if (hasRows) return { kind: 'native', source: 'tenantry.tenants', domainTable: 'tenantry.domains' };
  }
  const candidates = await djangoCandidates(client);
  if (spec.kind === 'django-tenants') {
    const table = spec.tenantTable ?? candidates[0]?.tenant_table ?? 'customers_client';
    const found = candidates.find((c) => c.tenant_table === table);
    if (!found) {
      throw new AppError(
        'REGISTRY_NOT_FOUND',
        `No django-tenants table public.${table} with a unique schema_name column.`,
        'Name the tenant table: --registry django-tenants:TABLE[:DOMAIN_TABLE], or use pattern:tenant_*.',
      );
    }
    return {
      kind: 'django-tenants',
      source: `public.${table}`,
      domainTable: spec.domainTable
        ? `public.${spec.domainTable}`
        : found.domain_table
          ? `public.${found.domain_table}`
          : undefined,
    };
  }
  const django =
    candidates.find((c) => c.tenant_table === 'customers_client') ?? candidates.find((c) => c.domain_table);
  if (django)
    return {
      kind: 'django-tenants',
      source: `public.${django.tenant_table}`,
      domainTable: django.domain_table ? `public.${django.domain_table}` : undefined,
    };
  return { kind: 'pattern', source: 'tenant_*' };
}

async function countTenants(client: ClientBase, registry: Resolved): Promise<number> {
  if (registry.kind === 'pattern') {
    return countPatternSchemas(client, globToLike(registry.source));
  }
  const [schema, table] = splitQualified(registry.source);
  return countRegistered(client, { schema, table });
}
