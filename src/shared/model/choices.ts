// The fixed value lists the models validate with zod, kept free of zod so the CLI can offer them
// as option choices without loading the schemas (start-up time).
export const ENVIRONMENTS = ['local', 'staging', 'production'] as const;
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export const TENANT_STATES = ['active', 'suspended', 'missing', 'orphan'] as const;
/** The filters `tenants list --status` takes: the states plus "behind on migrations". */
export const TENANT_FILTERS = [...TENANT_STATES, 'behind'] as const;
export const EXPORT_FORMATS = ['csv', 'md', 'html'] as const;
export const AUDIT_RESULTS = ['intent', 'ok', 'failed', 'refused', 'cancelled'] as const;
