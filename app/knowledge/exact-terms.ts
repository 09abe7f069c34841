/** Codes, SKUs and error numbers: tokens mixing letters and digits, hyphenated codes, long numbers. */
export function extractExactTerms(query: string): string[] {
  const matches = query.match(/\b(?:[A-Za-z]+-?\d[\w-]*|\d+[A-Za-z][\w-]*|[A-Z]{2,}(?:-[A-Z0-9]+)+|\d{3,})\b/g) ?? [];
  return [...new Set(matches.map((term) => term.toLowerCase()))];
}
