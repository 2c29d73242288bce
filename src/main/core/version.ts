export const TENANTRY_VERSION = '0.1.0';
