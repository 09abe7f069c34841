/** Summary figures for a list of timings in milliseconds. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

export function formatSummary(label: string, samples: number[]): string {
  const { n, p50, p95, max } = summarize(samples);
  return `${label.padEnd(44)} n=${String(n).padStart(4)}  p50=${p50.toFixed(2).padStart(8)} ms  p95=${p95.toFixed(2).padStart(8)} ms  max=${max.toFixed(2).padStart(8)} ms`;
}
