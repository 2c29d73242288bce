import { AppError } from '../../../shared/errors';
import type { DiffResult, DriftedTenant } from '../../../shared/model/fleet';
import type { CoreDeps } from '../core-deps';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import { tenantContext, type TenantTarget } from '../domain/registry/tenant-context';
import { readSchemaObjects, type SchemaObject } from './catalog-objects';
import { driftFixSql } from './drift-fix-sql';
import { fingerprint, groupByFingerprint } from './fingerprint';
import { compareStructures, describeDifference } from './structure-compare';

/**
 * Groups tenants by fingerprint and explains every tenant that differs from the reference: the
 * named schema, else the first tenant of the largest group.
 */
export function computeDrift(
  tenants: string[],
  objects: Map<string, SchemaObject[]>,
  referenceSchema?: string,
): DiffResult {
  const prints = new Map<string, string>();
  for (const t of tenants) {
    const list = objects.get(t);
    if (list) prints.set(t, fingerprint(list));
  }
  const groups = groupByFingerprint(prints);
  const reference = referenceSchema ?? groups[0]?.tenants[0] ?? null;
  const referenceObjects = reference ? (objects.get(reference) ?? []) : [];
  const referenceFingerprint = reference ? (prints.get(reference) ?? fingerprint(referenceObjects)) : null;
  const drifted: DriftedTenant[] = [];
  // Tenants sharing a fingerprint share their differences: compare one per group.
  for (const group of groups) {
    if (group.fingerprint === referenceFingerprint) continue;
    const differences = compareStructures(referenceObjects, objects.get(group.tenants[0]) ?? []);
    const texts = differences.map(describeDifference);
    for (const tenant of group.tenants) {
      if (tenant === reference) continue;
      drifted.push({
        tenant,
        fingerprint: group.fingerprint,
        differences: texts,
        fixSql: driftFixSql(tenant, reference ?? '', differences, referenceObjects),
      });
    }
  }
  let count = 0;
  for (const list of objects.values()) count += list.length;
  return {
    reference,
    referenceKind: referenceSchema ? 'schema' : 'majority',
    referenceFingerprint,
    groups,
    drifted: drifted.sort((a, b) => a.tenant.localeCompare(b.tenant)),
    tenants: prints.size,
    objects: count,
  };
}

export function referenceNotFound(schema: string): AppError {
  return new AppError(
    'REFERENCE_NOT_FOUND',
    `The reference schema "${schema}" does not exist in this database.`,
    'Name an existing schema (a tenant you trust, or a template schema), or leave --reference out to compare against the majority.',
    { field: 'reference' },
  );
}

/** `tenantry diff`: the working tenants' structures from one catalog round trip, compared. */
export async function runDiff(deps: CoreDeps, input: TenantTarget & { reference?: string }): Promise<DiffResult> {
  const ctx = await tenantContext(deps, input);
  return deps.pools.withClient(ctx.profile, async (client) => {
    const fleet = await loadFleet(client, ctx.spec, ctx.ignoreSchemas);
    const tenants = workingTenants(fleet).map((t) => t.schema);
    const schemas = input.reference && !tenants.includes(input.reference) ? [...tenants, input.reference] : tenants;
    const { objects } = await readSchemaObjects(client, schemas);
    if (input.reference && !objects.has(input.reference)) throw referenceNotFound(input.reference);
    return computeDrift(tenants, objects, input.reference);
  });
}
