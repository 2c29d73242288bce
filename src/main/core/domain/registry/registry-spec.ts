import { AppError } from '../../../../shared/errors';

export type RegistrySpec =
  | { kind: 'auto' }
  | { kind: 'native' }
  | { kind: 'django-tenants'; tenantTable?: string; domainTable?: string }
  | { kind: 'pattern'; glob: string };

/** Parses `auto | django-tenants[:TENANT_TABLE[:DOMAIN_TABLE]] | native | pattern:GLOB` (CLI.md). */
export function parseRegistrySpec(text: string | undefined): RegistrySpec {
  const value = (text ?? 'auto').trim();
  if (value === '' || value === 'auto') return { kind: 'auto' };
  if (value === 'native') return { kind: 'native' };
  if (value === 'django-tenants' || value.startsWith('django-tenants:')) {
    const [, tenantTable, domainTable] = value.split(':');
    return { kind: 'django-tenants', tenantTable: tenantTable || undefined, domainTable: domainTable || undefined };
  }
  if (value.startsWith('pattern:') && value.length > 'pattern:'.length)
    return { kind: 'pattern', glob: value.slice('pattern:'.length) };
  throw new AppError(
    'VALIDATION_FAILED',
    `Unknown registry "${value}".`,
    'Use auto, native, django-tenants[:TENANT_TABLE[:DOMAIN_TABLE]] or pattern:GLOB (e.g. pattern:tenant_*).',
    { field: 'registry' },
  );
}

/** A glob where `*` is the only wildcard, as a LIKE pattern (with `\` escaping `_`, `%` and `\`). */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}
