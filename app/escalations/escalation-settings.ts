/**
 * A workspace's handover rules, kept in `tenants.settings.escalation`: how fast each priority must
 * be answered, what a low-confidence answer does, which words hand over at once, and when the team
 * works. No server code, so the settings form renders from the same schema and defaults.
 */
import { z } from "zod";
import type { ESCALATION_PRIORITIES } from "../../db/entities/Escalation";

export type EscalationPriority = (typeof ESCALATION_PRIORITIES)[number];

/**
 * Lowest first. Kept here rather than imported from the entity, so the settings form does not pull
 * the ORM into the browser; `satisfies` and the check below keep the two lists the same.
 */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const satisfies readonly EscalationPriority[];
const everyPriorityListed: Exclude<EscalationPriority, (typeof PRIORITIES)[number]> extends never ? true : never = true;
void everyPriorityListed;

export const PRIORITY_LABELS: Record<EscalationPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

/** Minutes from handover to the first human reply, per priority. */
export const DEFAULT_SLA_MINUTES: Record<EscalationPriority, number> = { low: 24 * 60, normal: 4 * 60, high: 60, urgent: 15 };

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:00.");
const OpeningHours = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((hours) => hours.open < hours.close, {
    message: "Closing time must be after opening time.",
    // Only once both are times: a missing one is reported on its own.
    when: (payload) => payload.issues.length === 0,
  });

export const MAX_KEYWORD_RULES = 50;
export const MAX_KEYWORD_CHARS = 60;

/** Up to 30 days. */
export const MAX_SLA_MINUTES = 30 * 24 * 60;
const SlaMinutes = z
  .number({ error: "Enter a number of minutes." })
  .int("Enter whole minutes.")
  .min(1, "Allow at least 1 minute.")
  .max(MAX_SLA_MINUTES, `Allow at most ${MAX_SLA_MINUTES.toLocaleString("en")} minutes (30 days).`);

export const EscalationSettingsSchema = z.strictObject({
  /** offer: the visitor is offered a person; handoff: the conversation is handed over at once. */
  lowConfidence: z.enum(["offer", "handoff"], { error: "Choose what happens after an unsure answer." }).default("offer"),
  /** A visitor message containing the keyword (whole words, any case, simple plurals: see phrases.ts) hands over with this priority. */
  keywordRules: z
    .array(
      z.strictObject({
        keyword: z.string().trim().min(2, "A keyword needs at least 2 characters.").max(MAX_KEYWORD_CHARS, `A keyword can have at most ${MAX_KEYWORD_CHARS} characters.`),
        priority: z.enum(PRIORITIES, { error: "Choose low, normal, high or urgent." }),
      }),
    )
    .max(MAX_KEYWORD_RULES, `At most ${MAX_KEYWORD_RULES} keyword rules.`)
    .default([]),
  slaMinutes: z
    .strictObject(
      Object.fromEntries(PRIORITIES.map((priority) => [priority, SlaMinutes])) as Record<
        EscalationPriority,
        z.ZodNumber
      >,
    )
    .default(DEFAULT_SLA_MINUTES),
  businessHours: z
    .strictObject({
      enabled: z.boolean(),
      /** An IANA time zone, e.g. Europe/Berlin. */
      timezone: z.string().refine(isTimeZone, "Choose a time zone like Europe/Berlin."),
      /** null: closed that day. */
      days: z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, OpeningHours.nullable()])) as Record<Weekday, z.ZodNullable<typeof OpeningHours>>),
    })
    .default({
      enabled: false,
      timezone: "UTC",
      days: { mon: { open: "09:00", close: "17:00" }, tue: { open: "09:00", close: "17:00" }, wed: { open: "09:00", close: "17:00" }, thu: { open: "09:00", close: "17:00" }, fri: { open: "09:00", close: "17:00" }, sat: null, sun: null },
    }),
});
export type EscalationSettings = z.infer<typeof EscalationSettingsSchema>;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The stored settings with defaults filled in; anything unreadable falls back to the defaults. */
export function escalationSettings(stored: unknown): EscalationSettings {
  const parsed = EscalationSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : EscalationSettingsSchema.parse({});
}

/** When the first human reply is due for a handover of this priority made at `from`. */
export function slaDueAt(settings: EscalationSettings, priority: EscalationPriority, from: Date): Date {
  return new Date(from.getTime() + settings.slaMinutes[priority] * 60_000);
}
