/** Runs `task` once the page has nothing better to do (Safari lacks requestIdleCallback). */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 2000);
}
