import { expect, it } from "vitest";
import { MAX_VISITOR_MESSAGE_CHARS } from "../../app/chat/widget-api";
import { MAX_MESSAGE_CHARS } from "./limits";

it("allows as long a message as the server does", () => {
  expect(MAX_MESSAGE_CHARS).toBe(MAX_VISITOR_MESSAGE_CHARS);
});
