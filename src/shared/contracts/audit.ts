/** The audit area's calls ('audit.verb' → { input, output }). */
export const auditContract = {} as const;
