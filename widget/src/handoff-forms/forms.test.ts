import { html, nothing, type TemplateResult } from "lit";
import { describe, expect, it } from "vitest";
import type { ContactPrompt, SurveyState } from "../controllers/conversation.controller";
import type { HandoffFormsConversation } from "./contract";
import handoffForms from "./entry";

/** The template's text and bound values, flattened: what a visitor would read, without a DOM. */
function textOf(value: unknown): string {
  if (value === nothing || value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(textOf).join("");
  if (typeof value === "object" && "strings" in value) {
    const { strings, values } = value as TemplateResult;
    return strings.map((part, i) => part + (i < values.length ? textOf(values[i]) : "")).join("");
  }
  return typeof value === "function" ? "" : String(value);
}

function render(survey: SurveyState, contact: ContactPrompt | null = null): string {
  const conversation: HandoffFormsConversation = { survey, contact, rate: async () => {}, leaveEmail: async () => {} };
  return textOf(handoffForms.render({ html, nothing }, conversation));
}

const noAgents: ContactPrompt = { message: "Nobody is around.", askEmail: true, sending: false, error: null, savedEmail: null };

describe("widget-handoff.js", () => {
  it("draws nothing when neither form is asked for", () => {
    expect(render(null).trim()).toBe("");
  });

  it("asks for a rating with five labelled stars, then thanks", () => {
    const survey = render("open");
    expect(survey).toContain("How did we do?");
    expect(survey).toContain("aria-label=1 star");
    expect(survey).toContain("aria-label=5 stars");
    expect(survey).toContain("Send rating");
    expect(render("thanks")).toContain('role="status">Thanks for your feedback');
  });

  it("asks for an email when nobody can reply, and shows why one was refused", () => {
    expect(render(null, noAgents)).toMatch(/Nobody is around\.[\s\S]*Your email[\s\S]*Send email/);
    expect(render(null, { ...noAgents, error: "That is no email address." })).toContain('role="alert">That is no email address.');
    expect(render(null, { ...noAgents, askEmail: false })).not.toContain("Your email");
    expect(render(null, { ...noAgents, savedEmail: "ada@example.com" })).toContain("Thanks — we'll email you at ada@example.com");
  });
});
