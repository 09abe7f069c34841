import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil.example\")", `"'=HYPERLINK(""http://evil.example"")"`],
    ["+1 415 555 2671", "'+1 415 555 2671"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
  ])("defuses a formula in %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell("Lima, Ana")).toBe('"Lima, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("ana@example.com")).toBe("ana@example.com");
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF rows after a byte order mark", () => {
    expect(toCsv(["Name", "Email"], [["Ana", "=cmd"]])).toBe("\uFEFFName,Email\r\nAna,'=cmd\r\n");
  });
});
