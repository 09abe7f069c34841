import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkboxField, emailField, newPasswordField, parseForm, personName, safeRedirect, textField } from "./forms";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const Schema = z.object({ name: personName("your name"), email: emailField, password: newPasswordField });

describe("form validation", () => {
  it("normalises valid input", () => {
    const result = parseForm(Schema, form({ name: "  Ada Lovelace ", email: " Ada@Example.COM ", password: "analytical-engine" }));
    expect(result).toEqual({ ok: true, data: { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine" } });
  });

  it("names each bad field", () => {
    const result = parseForm(Schema, form({ name: "x".repeat(10_000), email: "not-an-email", password: "short" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.name).toEqual(["Your name must be at most 120 characters."]);
    expect(result.fieldErrors.email).toEqual(["Enter a valid email address."]);
    expect(result.fieldErrors.password).toEqual(["Use at least 12 characters."]);
  });

  it("reports missing fields instead of throwing", () => {
    const result = parseForm(Schema, form({}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });

  it("keeps markup in names as text (React escapes it) but refuses control characters", () => {
    expect(parseForm(z.object({ name: personName("a name") }), form({ name: "<script>alert(1)</script>" }))).toEqual({
      ok: true,
      data: { name: "<script>alert(1)</script>" },
    });
    expect(parseForm(z.object({ name: personName("a name") }), form({ name: "a\u0000b" })).ok).toBe(false);
  });

  it("refuses repetitive passwords", () => {
    expect(newPasswordField.safeParse("aaaaaaaaaaaaaaaa").success).toBe(false);
  });
});

describe("textField and checkboxField", () => {
  it("bounds text and lets line breaks through only where asked", () => {
    expect(textField("The note", 10).safeParse("  short  ").data).toBe("short");
    expect(textField("The note", 10).safeParse("x".repeat(11)).error?.issues[0].message).toBe("The note must be at most 10 characters.");
    expect(textField("The note", 100).safeParse("two\nlines").success).toBe(false);
    expect(textField("The note", 100, { multiline: true }).safeParse("two\r\nlines\tand a tab").success).toBe(true);
    expect(textField("The note", 100, { multiline: true }).safeParse("bell\u0007").error?.issues[0].message).toBe("The note contains invalid characters.");
  });

  it("reads a ticked checkbox as true and a missing one as false", () => {
    expect(checkboxField.parse("on")).toBe(true);
    expect(checkboxField.parse(undefined)).toBe(false);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/dashboard/team", "/dashboard/team"],
    ["https://evil.example", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/\t/evil.example/phish", "/dashboard"],
    ["/\n/evil.example", "/dashboard"],
    ["/dashboard/../../x?y=1#z", "/x?y=1#z"],
    [null, "/dashboard"],
    ["", "/dashboard"],
  ])("%s -> %s", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });
});
