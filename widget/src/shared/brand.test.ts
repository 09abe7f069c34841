import { describe, expect, it } from "vitest";
import { textColorOn } from "./brand";

describe("textColorOn", () => {
  it.each([
    ["#2563eb", "#ffffff"],
    ["#000000", "#ffffff"],
    ["#7c3aed", "#ffffff"],
    ["#ffffff", "#111827"],
    ["#facc15", "#111827"],
    ["#22d3ee", "#111827"],
  ])("puts readable text on %s", (brand, text) => {
    expect(textColorOn(brand)).toBe(text);
  });
});
