import { describe, expect, it } from "vitest";
import type { WidgetMessage } from "../api/contract";
import { entryFromMessage, newEntry, withMessage, withNotice } from "./chat-entry";

const reply = (id: string): WidgetMessage => ({
  id,
  role: "agent",
  content: "On it",
  authorName: "Alex",
  citations: [],
  feedback: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("withMessage", () => {
  it("appends a message that arrived live, with its author", () => {
    const entries = withMessage([newEntry("local", "visitor", "Hello")], reply("m1"));
    expect(entries.map((entry) => [entry.key, entry.authorName])).toEqual([
      ["local", null],
      ["m1", "Alex"],
    ]);
  });

  it("shows a message once, however often it arrives", () => {
    const shown = [entryFromMessage(reply("m1"))];
    expect(withMessage(shown, reply("m1"))).toBe(shown);
    // A visitor message the widget keyed by its own id, confirmed by the server's.
    const confirmed = [{ ...newEntry("client-1", "visitor", "Hi"), id: "m2" }];
    expect(withMessage(confirmed, { ...reply("m2"), role: "visitor" })).toBe(confirmed);
  });
});

describe("withNotice", () => {
  const notice = { ...reply("n1"), role: "system" as const, authorName: null, content: "Thanks, we have let our team know." };

  it("shows the handover notice once, whether the response or the live stream brings it first", () => {
    const fromResponse = withNotice([], "n1", notice.content, "handoff:e1");
    expect(withMessage(fromResponse, notice)).toBe(fromResponse);
    const fromStream = withMessage([], notice);
    expect(withNotice(fromStream, "n1", notice.content, "handoff:e1")).toBe(fromStream);
  });

  it("shows a notice that was not stored (the handover was already open) under its own key", () => {
    expect(withNotice([], null, "Thanks again.", "handoff:e1").map((entry) => [entry.key, entry.content])).toEqual([["handoff:e1", "Thanks again."]]);
  });
});
