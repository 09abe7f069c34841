/**
 * "Write an article" for a knowledge gap: a link that opens the knowledge editor with a title and a draft listing what
 * customers asked. The text travels as URL parameters (encoded by URLSearchParams) and reaches the editor's fields as
 * React values, so a question containing markup or "&" arrives as plain text.
 */
export const ARTICLE_TITLE_MAX = 300;
/** Well under what a URL may hold; the editor accepts far more once the article is written. */
export const ARTICLE_DRAFT_MAX = 4_000;

export function articleDraftHref({ representative, questions }: { representative: string; questions: string[] }): string {
  const asked = [...new Set(questions.map((question) => question.trim()).filter(Boolean))];
  const content = [
    "Customers asked:",
    ...asked.map((question) => `- ${question}`),
    "",
    "Write the answer here.",
  ].join("\n");
  const params = new URLSearchParams({ title: representative.trim().slice(0, ARTICLE_TITLE_MAX), content: content.slice(0, ARTICLE_DRAFT_MAX) });
  return `/dashboard/knowledge/new?${params}`;
}

/** What the editor pre-fills its "Paste text" fields with; empty when it was opened without a draft. */
export function readArticlePrefill(searchParams: URLSearchParams): { title: string; content: string } {
  return {
    title: (searchParams.get("title") ?? "").slice(0, ARTICLE_TITLE_MAX),
    content: (searchParams.get("content") ?? "").slice(0, ARTICLE_DRAFT_MAX),
  };
}
