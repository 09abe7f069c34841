/** A round axis maximum at or above `max` (1, 2, 2.5 or 5 times a power of ten), so tick labels read well. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

/** Labels for the first, middle and last day: enough to read the x axis without crowding it. */
export function dayTicks(days: string[]): { index: number; label: string }[] {
  if (days.length === 0) return [];
  const indexes = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  return indexes.map((index) => ({ index, label: shortDay(days[index]) }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-05" -> "5 Nov": the same on the server and in the browser, whatever their locale. */
export function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}
