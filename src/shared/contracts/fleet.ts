/** The fleet area's calls ('fleet.verb' → { input, output }). */
export const fleetContract = {} as const;
