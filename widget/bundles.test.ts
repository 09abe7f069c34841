import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bundleWidget } from "./bundles";
import { budgetViolations, gzipSizes } from "./sizes";

const bundles = await bundleWidget();

describe("bundleWidget", () => {
  const text = (code: Uint8Array) => new TextDecoder().decode(code);
  const hash = (code: Uint8Array) => createHash("sha256").update(code).digest("hex").slice(0, 12);

  it("gives the handoff chunk no Lit and no imports of its own: it renders with the chat's", () => {
    const handoff = text(bundles.handoff);
    expect(handoff).not.toMatch(/\bimport\s*[({"'`\w]/);
    expect(handoff).not.toMatch(/lit-html|reactive-element|Google LLC/);
    expect(handoff).toMatch(/export\s*\{\s*\w+ as default\s*\}/);
  });

  it("has the chat ask for the handoff chunk it was built with, next to itself", () => {
    expect(text(bundles.chat)).toContain(`widget-handoff.js?v=${hash(bundles.handoff)}`);
    expect(text(bundles.chat)).toContain("import.meta.url");
  });

  it("stays within its budgets", () => {
    expect(budgetViolations(gzipSizes(bundles))).toEqual([]);
  });
});
