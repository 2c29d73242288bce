/** The checklists area's calls ('checklists.verb' → { input, output }). */
export const checklistsContract = {} as const;
