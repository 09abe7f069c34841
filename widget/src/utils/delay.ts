/** Waits `ms`, or less if `signal` aborts first (then the caller checks the signal and stops). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // Removed again when the time is up: a long-lived signal (the live stream's) sees many waits.
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal.aborted) done();
    else signal.addEventListener("abort", done);
  });
}
