/**
 * Whether the team works at a given moment, read on the wall clock of the workspace's time zone.
 * Opening hours are wall-clock times ("09:00" Berlin time), so the instant is converted with Intl
 * into that zone's weekday and time and compared there: no offsets are computed by hand, and a
 * daylight-saving change moves nothing (09:00 stays 09:00).
 */
import { WEEKDAYS, type EscalationSettings, type Weekday } from "./escalation-settings";

export type BusinessHours = EscalationSettings["businessHours"];

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** The weekday and "HH:MM" time in `timeZone` at `now`. */
export function wallClock(now: Date, timeZone: string): { day: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return { day: part("weekday").toLowerCase() as Weekday, time: `${part("hour")}:${part("minute")}` };
}

/** Always open when business hours are off. Opening time included, closing time excluded. */
export function isWithinBusinessHours(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  const { day, time } = wallClock(now, hours.timezone);
  const today = hours.days[day];
  return today !== null && today.open <= time && time < today.close;
}

/** When the team opens next, after `now`: "today", "tomorrow" or a weekday, and the opening time; null if it never opens. */
export function nextOpening(hours: BusinessHours, now: Date): { when: string; time: string } | null {
  const { day, time } = wallClock(now, hours.timezone);
  const todayIndex = WEEKDAYS.indexOf(day);
  const today = hours.days[day];
  if (today && time < today.open) return { when: "today", time: today.open };
  for (let ahead = 1; ahead <= 7; ahead++) {
    const candidate = WEEKDAYS[(todayIndex + ahead) % 7];
    const opening = hours.days[candidate];
    if (opening) return { when: ahead === 1 ? "tomorrow" : WEEKDAY_NAMES[candidate], time: opening.open };
  }
  return null;
}

/** What the visitor reads outside business hours: "Our team is back Monday at 09:00 (Europe/Berlin)." */
export function closedMessage(hours: BusinessHours, now: Date): string {
  const opening = nextOpening(hours, now);
  if (!opening) return "Our team is away at the moment.";
  return `Our team is back ${opening.when} at ${opening.time} (${hours.timezone}).`;
}
