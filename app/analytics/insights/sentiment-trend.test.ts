import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SentimentTrend } from "./sentiment-trend";

describe("SentimentTrend", () => {
  it("names the totals in words and offers the numbers as a table", () => {
    const html = renderToStaticMarkup(
      createElement(SentimentTrend, {
        trend: {
          days: [
            { day: "2026-03-02", average: 0.5, positive: 2, neutral: 0, negative: 0 },
            { day: "2026-03-03", average: null, positive: 0, neutral: 0, negative: 0 },
            { day: "2026-03-04", average: -0.4, positive: 0, neutral: 1, negative: 1 },
          ],
          totals: { positive: 2, neutral: 1, negative: 1, average: 0.05 },
        },
      }),
    );
    expect(html).toContain("Average sentiment +0.05 (neutral) over 4 conversations: 2 positive, 1 neutral, 1 negative.");
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Show as a table<\/summary>/);
    expect(html).toContain("+0.50 (Positive)");
    expect(html).toContain("−0.40 (Negative)");
    expect(html.match(/<polyline/g)).toHaveLength(2);
  });

  it("says so when nothing is scored yet", () => {
    const html = renderToStaticMarkup(createElement(SentimentTrend, { trend: { days: [], totals: { positive: 0, neutral: 0, negative: 0, average: null } } }));
    expect(html).toContain("No conversation in this period has a sentiment yet.");
  });
});
