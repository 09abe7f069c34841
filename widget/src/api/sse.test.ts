import { describe, expect, it } from "vitest";
import { createSseParser, type ServerSentEvent } from "./sse";

function parse(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe("createSseParser", () => {
  it("reads named events and defaults the type to message", () => {
    expect(parse(['event: token\ndata: {"text":"Hi"}\n\n', 'data: {"id":"m1"}\n\n'])).toEqual([
      { type: "token", data: '{"text":"Hi"}', id: "" },
      { type: "message", data: '{"id":"m1"}', id: "" },
    ]);
  });

  it("reassembles events split anywhere across chunks, including inside \\r\\n", () => {
    const stream = 'event: token\r\ndata: {"text":"a"}\r\n\r\nevent: done\r\ndata: {"messageId":"x"}\r\n\r\n';
    const whole = parse([stream]);
    for (let split = 1; split < stream.length; split++) {
      expect(parse([stream.slice(0, split), stream.slice(split)])).toEqual(whole);
    }
    expect(whole).toHaveLength(2);
  });

  it("accepts lone \\r line endings", () => {
    expect(parse(["event: done\rdata: {}\r\r"])).toEqual([{ type: "done", data: "{}", id: "" }]);
  });

  it("joins multi-line data with newlines and strips one leading space only", () => {
    expect(parse(["data:first\ndata:  second\n\n"])).toEqual([{ type: "message", data: "first\n second", id: "" }]);
  });

  it("ignores comments, retry fields and events without data", () => {
    expect(parse([": keep-alive\n\nretry: 100\nevent: token\n\nevent: done\ndata: {}\n\n"])).toEqual([{ type: "done", data: "{}", id: "" }]);
  });

  it("gives every event the last id the stream sent, as EventSource's lastEventId", () => {
    expect(parse(["id: 7-1\nevent: token\n\n", "data: a\n\nid: 7-2\ndata: b\n\nid\ndata: c\n\n"])).toEqual([
      { type: "message", data: "a", id: "7-1" },
      { type: "message", data: "b", id: "7-2" },
      { type: "message", data: "c", id: "" },
    ]);
  });

  it("drops an event the stream cut off before its blank line", () => {
    expect(parse(['event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {}'])).toEqual([{ type: "token", data: '{"text":"a"}', id: "" }]);
  });
});
