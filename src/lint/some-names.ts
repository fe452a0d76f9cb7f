/** How many other objects a finding names before it counts the rest ("and 12 more"). */
export const NAMES_SHOWN = 5;

/**
 * `A, B, C` or, past `NAMES_SHOWN`, `A, B, C, D, E and 7 more`: a finding names
 * a bounded number of the objects it clashes with, so that a value shared by
 * thousands of objects costs each finding constant work and text (the lint run
 * stays linear in the number of objects).
 *
 * @param shown up to NAMES_SHOWN distinct names
 * @param total how many distinct objects there are in all
 */
export function someNames(shown: string[], total: number): string {
  const rest = total - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
