import { describe, expect, it } from "vitest";
import { findEmail, findName, findPhone } from "./contact-details";

describe("findEmail", () => {
  it.each([
    ["my email is Ana.Lima+quotes@Example.co.uk, thanks", "ana.lima+quotes@example.co.uk"],
    ["reach me at bob@shop-42.example.", "bob@shop-42.example"],
    ["<carol_o'neil@mail.example.org>", "carol_o'neil@mail.example.org"],
  ])("finds the address in %j", (text, email) => {
    expect(findEmail(text)).toBe(email);
  });

  it.each(["user@localhost", "@handle on twitter", "a@b.c", "name@-bad.example", "see example.com/@user", "me@example..com"])("finds none in %j", (text) => {
    expect(findEmail(text)).toBeNull();
  });
});

describe("findPhone", () => {
  it("finds and formats an international number anywhere", () => {
    expect(findPhone("You can try +44 20 7946 0958 after 5pm")).toBe("+44 20 7946 0958");
    expect(findPhone("+1 (415) 555-2671")).toBe("+1 415 555 2671");
  });

  it("takes a national number only after a word that announces it", () => {
    expect(findPhone("call me on (415) 555-2671 tomorrow")).toBe("(415) 555-2671");
    expect(findPhone("My phone: 020 7946 0958")).toBe("020 7946 0958");
  });

  it.each(["Order 123456789 has not arrived", "My number of seats is 25", "call me maybe", "+1 000 000", "Invoice 2024-11-30 total 1500"])("finds none in %j", (text) => {
    expect(findPhone(text)).toBeNull();
  });
});

describe("findName", () => {
  it.each([
    ["Hi, my name is Ana Lima and I need a quote", "Ana Lima"],
    ["my name is bob", "Bob"],
    ["Hello, this is Carla from Acme", "Carla"],
    ["I'm Dmitri, from Globex.", "Dmitri"],
    ["Name: José Álvarez", "José Álvarez"],
  ])("finds the name in %j", (text, name) => {
    expect(findName(text)).toBe(name);
  });

  it.each(["I'm looking for a quote", "I'm Sorry, wrong chat.", "I am interested in pricing", "I'm Looking Forward to it", "What is this?", "Is this the pricing page?"])("finds none in %j", (text) => {
    expect(findName(text)).toBeNull();
  });
});
