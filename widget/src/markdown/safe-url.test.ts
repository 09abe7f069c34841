import { describe, expect, it } from "vitest";
import { safeHref } from "./safe-url";

describe("safeHref", () => {
  it("accepts absolute http, https and mailto URLs, normalised", () => {
    expect(safeHref(" HTTPS://Example.com/a b ")).toBe("https://example.com/a%20b");
    expect(safeHref("http://example.com")).toBe("http://example.com/");
    expect(safeHref("mailto:help@example.com")).toBe("mailto:help@example.com");
  });

  it.each(["javascript:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/docs", "", "https://"])(
    "refuses %j",
    (url) => {
      expect(safeHref(url)).toBeNull();
    },
  );
});
