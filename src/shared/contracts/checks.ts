/** The checks area's calls ('checks.verb' → { input, output }). */
export const checksContract = {} as const;
