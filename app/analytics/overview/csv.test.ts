import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";
import { describeChange } from "./format";
import { metric } from "./metrics";

describe("CSV", () => {
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("openai/gpt-4o")).toBe("openai/gpt-4o");
  });

  it("quotes commas, quotes and line breaks, and keeps numbers as numbers", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["Day", "Count"], [["2026-11-01", 3], ["2026-11-02", null]])).toBe("Day,Count\r\n2026-11-01,3\r\n2026-11-02,\r\n");
  });
});

describe("describeChange", () => {
  it("says the direction in words, in points for shares and percent otherwise", () => {
    expect(describeChange(metric("count", 112, 100), 30)).toEqual({ direction: "up", text: "up 12% vs previous 30 days" });
    expect(describeChange(metric("share", 0.5, 0.535), 7)).toEqual({ direction: "down", text: "down 3.5 points vs previous 7 days" });
    expect(describeChange(metric("count", 100, 100), 1)).toEqual({ direction: "flat", text: "no change vs previous 1 day" });
    expect(describeChange(metric("count", 5, 0), 30)).toEqual({ direction: "flat", text: "nothing to compare with in the previous 30 days" });
    expect(describeChange(metric("share", null, 0.5), 30)).toEqual({ direction: "flat", text: "nothing to measure in this period" });
  });
});
