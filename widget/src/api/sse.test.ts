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
      { type: "token", data: '{"text":"Hi"}' },
      { type: "message", data: '{"id":"m1"}' },
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
    expect(parse(["event: done\rdata: {}\r\r"])).toEqual([{ type: "done", data: "{}" }]);
  });

  it("joins multi-line data with newlines and strips one leading space only", () => {
    expect(parse(["data:first\ndata:  second\n\n"])).toEqual([{ type: "message", data: "first\n second" }]);
  });

  it("ignores comments, id and retry fields, and events without data", () => {
    expect(parse([": keep-alive\n\nid: 7\nretry: 100\nevent: token\n\nevent: done\ndata: {}\n\n"])).toEqual([
      { type: "done", data: "{}" },
    ]);
  });

  it("drops an event the stream cut off before its blank line", () => {
    expect(parse(['event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {}'])).toEqual([{ type: "token", data: '{"text":"a"}' }]);
  });
});
