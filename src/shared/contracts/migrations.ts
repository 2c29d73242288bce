/** The migrations area's calls ('migrations.verb' → { input, output }). */
export const migrationsContract = {} as const;
