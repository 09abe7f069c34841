import { describe, expect, it } from "vitest";
import { parseWebhookForm } from "./webhook-settings";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("the webhook form", () => {
  it("keeps every ticked event, once each, in the listed order", () => {
    const parsed = parseWebhookForm(
      form([["url", " https://example.com/hook "], ["events", "escalation.resolved"], ["events", "escalation.created"], ["events", "escalation.created"]]),
    );
    expect(parsed).toEqual({ ok: true, data: { url: "https://example.com/hook", events: ["escalation.created", "escalation.resolved"] } });
  });

  it("names the field that is wrong", () => {
    expect(parseWebhookForm(form([["url", ""]]))).toEqual({
      ok: false,
      fieldErrors: { url: ["Enter the URL to send events to."], events: ["Choose at least one event."] },
    });
    expect(parseWebhookForm(form([["url", "https://example.com"], ["events", "user.deleted"]]))).toEqual({
      ok: false,
      fieldErrors: { events: ["Choose events from the list."] },
    });
  });
});
