/**
 * The handover settings form: field names, keyword rules as text ("refund: high", one a line) and
 * the parser that turns a submission into EscalationSettings, with errors keyed by field. No server
 * code, so the panel renders from the same names.
 */
import { z } from "zod";
import type { FieldErrors, FormResult } from "../utils/forms";
import { EscalationSettingsSchema, PRIORITIES, WEEKDAYS, type EscalationPriority, type EscalationSettings, type Weekday } from "./escalation-settings";
import type { KeywordRule } from "./keyword-rules";

/** A keyword line without a priority ("refund") hands over with this one. */
export const KEYWORD_DEFAULT_PRIORITY: EscalationPriority = "normal";

export const HANDOVER_FIELDS = {
  lowConfidence: "lowConfidence",
  keywordRules: "keywordRules",
  sla: (priority: EscalationPriority) => `sla.${priority}`,
  businessHoursEnabled: "businessHoursEnabled",
  timezone: "timezone",
  /** Errors for a day are reported under this name; its inputs add `.open`, `.close` and `.closed`. */
  day: (day: Weekday) => `hours.${day}`,
} as const;

/** The rules as the textarea shows them. */
export function keywordRulesText(rules: readonly KeywordRule[]): string {
  return rules.map((rule) => `${rule.keyword}: ${rule.priority}`).join("\n");
}

interface ParsedKeywordLines {
  rules: KeywordRule[];
  /** The line each rule came from (1-based), for errors the schema finds later. */
  lines: number[];
  errors: string[];
}

/** "keyword: priority" per line; blank lines are skipped; the priority may be left out. */
export function parseKeywordLines(text: string): ParsedKeywordLines {
  const parsed: ParsedKeywordLines = { rules: [], lines: [], errors: [] };
  const firstLineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const colon = raw.lastIndexOf(":");
    const keyword = (colon === -1 ? raw : raw.slice(0, colon)).trim().replace(/\s+/g, " ");
    const priorityText = colon === -1 ? "" : raw.slice(colon + 1).trim().toLowerCase();
    const priority = priorityText === "" ? KEYWORD_DEFAULT_PRIORITY : PRIORITIES.find((candidate) => candidate === priorityText);
    if (!keyword) {
      parsed.errors.push(`Line ${line}: put the keyword before the colon, e.g. “refund: high”.`);
      return;
    }
    if (!priority) {
      parsed.errors.push(`Line ${line}: “${priorityText}” is not a priority. Use low, normal, high or urgent.`);
      return;
    }
    const key = keyword.toLocaleLowerCase();
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      parsed.errors.push(`Line ${line}: “${keyword}” is already on line ${earlier}.`);
      return;
    }
    firstLineOf.set(key, line);
    parsed.rules.push({ keyword, priority });
    parsed.lines.push(line);
  });
  return parsed;
}

export function parseEscalationSettingsForm(form: FormData): FormResult<EscalationSettings> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const minutes = (name: string) => (text(name).trim() === "" ? undefined : Number(text(name)));
  const keywords = parseKeywordLines(text(HANDOVER_FIELDS.keywordRules));
  const candidate = {
    lowConfidence: text(HANDOVER_FIELDS.lowConfidence),
    keywordRules: keywords.rules,
    slaMinutes: Object.fromEntries(PRIORITIES.map((priority) => [priority, minutes(HANDOVER_FIELDS.sla(priority))])),
    businessHours: {
      enabled: form.get(HANDOVER_FIELDS.businessHoursEnabled) === "on",
      timezone: text(HANDOVER_FIELDS.timezone).trim(),
      days: Object.fromEntries(
        WEEKDAYS.map((day) => {
          const field = HANDOVER_FIELDS.day(day);
          return [day, form.get(`${field}.closed`) === "on" ? null : { open: text(`${field}.open`), close: text(`${field}.close`) }];
        }),
      ),
    },
  };
  const result = EscalationSettingsSchema.safeParse(candidate);
  const fieldErrors: FieldErrors = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  for (const message of keywords.errors) add(HANDOVER_FIELDS.keywordRules, message);
  if (!result.success) for (const issue of result.error.issues) add(...fieldOf(issue, keywords.lines));
  if (result.success && keywords.errors.length === 0) return { ok: true, data: result.data };
  return { ok: false, fieldErrors };
}

/** Where a schema error shows in the form, and its message (a keyword's names its line). */
function fieldOf(issue: z.core.$ZodIssue, keywordLines: number[]): [string, string] {
  const [section, key, index] = issue.path;
  switch (section) {
    case "keywordRules":
      return [HANDOVER_FIELDS.keywordRules, typeof key === "number" ? `Line ${keywordLines[key]}: ${issue.message}` : issue.message];
    case "slaMinutes":
      return [HANDOVER_FIELDS.sla(key as EscalationPriority), issue.message];
    case "businessHours":
      if (key === "days") return [HANDOVER_FIELDS.day(index as Weekday), issue.message];
      return [key === "timezone" ? HANDOVER_FIELDS.timezone : HANDOVER_FIELDS.businessHoursEnabled, issue.message];
    default:
      return [String(section ?? HANDOVER_FIELDS.lowConfidence), issue.message];
  }
}
