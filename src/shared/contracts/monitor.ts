/** The monitor area's calls ('monitor.verb' → { input, output }). */
export const monitorContract = {} as const;
