import { describe, expect, it } from "vitest";
import { escalationSettings, WEEKDAYS } from "./escalation-settings";
import { keywordRulesText, parseEscalationSettingsForm, parseKeywordLines } from "./escalation-settings-form";

/** A valid submission of the default settings, as the panel posts it, with `changes` applied. */
function submission(changes: Record<string, string | null> = {}): FormData {
  const fields: Record<string, string> = {
    lowConfidence: "offer",
    keywordRules: "",
    "sla.low": "1440",
    "sla.normal": "240",
    "sla.high": "60",
    "sla.urgent": "15",
    timezone: "UTC",
  };
  for (const day of WEEKDAYS) {
    fields[`hours.${day}.open`] = "09:00";
    fields[`hours.${day}.close`] = "17:00";
  }
  fields["hours.sat.closed"] = "on";
  fields["hours.sun.closed"] = "on";
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...fields, ...changes })) if (value !== null) form.set(name, value);
  return form;
}

describe("parseKeywordLines", () => {
  it("reads keyword: priority lines, skipping blanks, defaulting the priority to normal", () => {
    const parsed = parseKeywordLines("refund: High\n\n  cancel   my account : urgent \r\nchargeback");
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules).toEqual([
      { keyword: "refund", priority: "high" },
      { keyword: "cancel my account", priority: "urgent" },
      { keyword: "chargeback", priority: "normal" },
    ]);
    expect(parsed.lines).toEqual([1, 3, 4]);
  });

  it("names the line of each mistake", () => {
    const parsed = parseKeywordLines("refund: hgh\n: high\nfraud: urgent\nFraud: low");
    expect(parsed.errors).toEqual([
      "Line 1: “hgh” is not a priority. Use low, normal, high or urgent.",
      "Line 2: put the keyword before the colon, e.g. “refund: high”.",
      "Line 4: “Fraud” is already on line 3.",
    ]);
    expect(parsed.rules).toEqual([{ keyword: "fraud", priority: "urgent" }]);
  });

  it("round-trips through the text the panel shows", () => {
    const rules = [
      { keyword: "refund", priority: "high" as const },
      { keyword: "legal", priority: "urgent" as const },
    ];
    expect(parseKeywordLines(keywordRulesText(rules)).rules).toEqual(rules);
  });
});

describe("parseEscalationSettingsForm", () => {
  it("turns a valid submission into settings", () => {
    const result = parseEscalationSettingsForm(
      submission({ lowConfidence: "handoff", keywordRules: "refund: high", "sla.high": "30", businessHoursEnabled: "on", timezone: "Europe/Berlin", "hours.sat.closed": null }),
    );
    expect(result).toEqual({
      ok: true,
      data: {
        lowConfidence: "handoff",
        keywordRules: [{ keyword: "refund", priority: "high" }],
        slaMinutes: { low: 1440, normal: 240, high: 30, urgent: 15 },
        businessHours: {
          enabled: true,
          timezone: "Europe/Berlin",
          days: {
            mon: { open: "09:00", close: "17:00" },
            tue: { open: "09:00", close: "17:00" },
            wed: { open: "09:00", close: "17:00" },
            thu: { open: "09:00", close: "17:00" },
            fri: { open: "09:00", close: "17:00" },
            sat: { open: "09:00", close: "17:00" },
            sun: null,
          },
        },
      },
    });
  });

  it("accepts the defaults as the panel shows them", () => {
    const result = parseEscalationSettingsForm(submission());
    expect(result).toEqual({ ok: true, data: escalationSettings({}) });
  });

  it("reports each problem under its field", () => {
    const result = parseEscalationSettingsForm(
      submission({
        lowConfidence: null,
        keywordRules: "refund: soon\nx: high",
        "sla.normal": "",
        "sla.urgent": "2.5",
        timezone: "Mars/Olympus",
        "hours.mon.open": "18:00",
        "hours.tue.close": "",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      keywordRules: ["Line 1: “soon” is not a priority. Use low, normal, high or urgent.", "Line 2: A keyword needs at least 2 characters."],
      lowConfidence: ["Choose what happens after an unsure answer."],
      "sla.normal": ["Enter a number of minutes."],
      "sla.urgent": ["Enter whole minutes."],
      timezone: ["Choose a time zone like Europe/Berlin."],
      "hours.mon": ["Closing time must be after opening time."],
      "hours.tue": ["Use a 24-hour time like 09:00."],
    });
  });

  it("refuses more than 50 keyword rules", () => {
    const lines = Array.from({ length: 51 }, (_, index) => `keyword${index}: low`).join("\n");
    const result = parseEscalationSettingsForm(submission({ keywordRules: lines }));
    expect(result.ok ? [] : result.fieldErrors.keywordRules).toEqual(["At most 50 keyword rules."]);
  });
});
