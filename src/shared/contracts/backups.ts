/** The backups area's calls ('backups.verb' → { input, output }). */
export const backupsContract = {} as const;
