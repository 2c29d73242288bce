/** The tenants area's calls ('tenants.verb' → { input, output }). */
export const tenantsContract = {} as const;
