let warned = false;

/** The widget lives in other people's pages: it reports its first problem, quietly, and never throws. */
export function warnOnce(problem: unknown): void {
  if (warned) return;
  warned = true;
  console.warn("[helpdesk-chat]", problem);
}
