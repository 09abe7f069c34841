import { describe, expect, it } from "vitest";
import { SendMessageBody } from "../../../app/chat/widget-api";
import { randomUuid } from "./uuid";

describe("randomUuid", () => {
  it("makes version 4 UUIDs the server accepts as clientMessageId", () => {
    const ids = Array.from({ length: 200 }, randomUuid);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(SendMessageBody.safeParse({ content: "hi", clientMessageId: id }).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
