import { describe, expect, it } from "vitest";
import { markdownDocument } from "./markdown.server";
import type { Block } from "./types";

describe("markdownDocument", () => {
  it("reads headings, paragraphs, lists, tables and code into blocks", () => {
    const markdown = [
      "# Billing help",
      "",
      "Invoices are sent on the **first** day of the month, see [the portal](https://example.com).",
      "They are emailed too.",
      "",
      "## Payment methods",
      "",
      "- Credit card",
      "  - Visa and *Mastercard*",
      "- Bank transfer",
      "",
      "1. Open settings",
      "2. Choose a plan",
      "",
      "| Plan | Price |",
      "| ---- | ----: |",
      "| Basic | $5 |",
      "| Pro | $20 |",
      "",
      "```bash",
      "curl -X POST \\",
      "    https://api.example.com/pay",
      "```",
    ].join("\n");

    const document = markdownDocument(markdown, "billing");

    expect(document.title).toBe("Billing help");
    expect(document.blocks).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Billing help" },
      {
        kind: "paragraph",
        text: "Invoices are sent on the first day of the month, see the portal. They are emailed too.",
      },
      { kind: "heading", level: 2, text: "Payment methods" },
      { kind: "list", items: ["Credit card", "Visa and Mastercard", "Bank transfer"] },
      { kind: "list", items: ["Open settings", "Choose a plan"] },
      {
        kind: "table",
        rows: [
          ["Plan", "Price"],
          ["Basic", "$5"],
          ["Pro", "$20"],
        ],
      },
      { kind: "code", text: "curl -X POST \\\n    https://api.example.com/pay" },
    ]);
  });

  it("keeps a heading that asks a question as a heading", () => {
    const document = markdownDocument("## How do I reset my password?\n\nUse the link on the login page.", "faq");

    expect(document.blocks).toEqual<Block[]>([
      { kind: "heading", level: 2, text: "How do I reset my password?" },
      { kind: "paragraph", text: "Use the link on the login page." },
    ]);
  });

  it("decodes entities and drops inline and block HTML markup, scripts included", () => {
    const markdown = [
      "Fish &amp; chips &copy; <kbd>Ctrl</kbd>+<kbd>C</kbd> <script>alert('inline')</script>",
      "",
      "<div onclick=\"steal()\"><p>Inside a div</p><script>alert('block')</script><style>p{}</style></div>",
    ].join("\n");

    const document = markdownDocument(markdown, "html");

    expect(document.blocks).toEqual<Block[]>([
      { kind: "paragraph", text: "Fish & chips © Ctrl+C" },
      { kind: "paragraph", text: "Inside a div" },
    ]);
  });

  it("reads the text inside block quotes and task lists", () => {
    const document = markdownDocument("> Note: refunds take **5** days.\n\n- [x] Verify email\n- [ ] Add a card", "n");

    expect(document.blocks).toEqual<Block[]>([
      { kind: "paragraph", text: "Note: refunds take 5 days." },
      { kind: "list", items: ["Verify email", "Add a card"] },
    ]);
  });

  it("strips front matter and uses its title when there is no H1", () => {
    const document = markdownDocument("---\ntitle: \"Shipping FAQ\"\nslug: shipping\n---\n## Where is my order?\n\nTrack it online.", "x");

    expect(document.title).toBe("Shipping FAQ");
    expect(document.blocks[0]).toEqual({ kind: "heading", level: 2, text: "Where is my order?" });
  });

  it("falls back to the given title when there is neither an H1 nor front matter", () => {
    expect(markdownDocument("## Section\n\nText.", "release-notes").title).toBe("release-notes");
  });
});
