/** `%`, `_` and `\` typed in a search match themselves, not any text. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
