import { describe, expect, it } from "vitest";
import { blockText } from "./block-text";
import { htmlDocument } from "./html.server";
import type { Block } from "./types";

const ARTICLE_TEXT =
  "We refund annual plans within 30 days of purchase. Monthly plans can be cancelled at any time and are not " +
  "refunded for the current month. Refunds go back to the card that paid, and banks take up to five working days " +
  "to show them. If the card has expired, contact support and we will send the refund by bank transfer instead.";

function helpCenterPage(article: string): string {
  return `<!doctype html>
<html>
  <head>
    <title>Refunds | Acme Help Center</title>
    <style>body { color: red } .secret::after { content: "style text" }</style>
    <script>window.tracking = "script text";</script>
  </head>
  <body>
    <nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></nav>
    <main><article>${article}</article></main>
    <aside class="sidebar"><h3>Popular articles</h3><ul><li><a href="/a">Reset password</a></li></ul></aside>
    <form action="/search"><label>Search</label><input name="q" value="form text"><button>Go</button></form>
    <footer>© 2025 Acme Inc. All rights reserved.</footer>
    <script>document.write("late script text")</script>
  </body>
</html>`;
}

function allText(blocks: Block[]): string {
  return blocks.map(blockText).join("\n");
}

describe("htmlDocument", () => {
  it("keeps the article of a page and drops navigation, forms, footer, scripts and styles", () => {
    const html = helpCenterPage(`
      <h1>Refund policy</h1>
      <p>${ARTICLE_TEXT}</p>
      <h2>Exceptions</h2>
      <p>${ARTICLE_TEXT}</p>`);

    const document = htmlDocument(html, "fallback");

    expect(document.title).toBe("Refund policy");
    expect(document.blocks).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Refund policy" },
      { kind: "paragraph", text: ARTICLE_TEXT },
      { kind: "heading", level: 2, text: "Exceptions" },
      { kind: "paragraph", text: ARTICLE_TEXT },
    ]);
  });

  it("lets only text through from scripts, styles, event handlers and embedded content", () => {
    const html = helpCenterPage(`
      <h1>Safe <script>alert("in heading")</script>text</h1>
      <p onclick="steal()">${ARTICLE_TEXT}<img src="x" onerror="alert('img')"><svg><text>svg text</text></svg></p>
      <p>Click <a href="javascript:alert('link')" onmouseover="alert('hover')">here</a> to continue.
         <iframe src="https://evil.example"></iframe><noscript>noscript text</noscript>
         <span style="display:none" hidden>hidden text</span></p>
      <p>Literal markup is shown as text: &lt;script&gt;alert(1)&lt;/script&gt; is escaped.</p>
      <style>p { color: blue }</style>`);

    const text = allText(htmlDocument(html, "x").blocks);

    expect(text).toContain(ARTICLE_TEXT);
    expect(text).toContain("Click here to continue.");
    expect(text).toContain("Safe text");
    for (const leaked of ["in heading", "steal", "onerror", "svg text", "hover", "evil", "noscript text", "hidden text", "color"]) {
      expect(text).not.toContain(leaked);
    }
    // Escaped markup in the source is text the author wrote, and stays text.
    expect(text).toContain("<script>alert(1)</script> is escaped.");
    expect(text.replace("<script>alert(1)</script>", "")).not.toMatch(/[<>]/);
  });

  it("keeps a heading that repeats the page title, which Readability would delete", () => {
    const html = helpCenterPage(`<h1>Refunds</h1><p>${ARTICLE_TEXT}</p>`).replace("<nav>", "<header><h1>Acme Help Center</h1></header><nav>");

    const document = htmlDocument(html, "fallback");

    expect(document.title).toBe("Refunds");
    expect(document.blocks.slice(0, 2)).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Refunds" },
      { kind: "paragraph", text: ARTICLE_TEXT },
    ]);
  });

  it("uses the page <title> when the content has no H1", () => {
    const document = htmlDocument(helpCenterPage(`<h2>Refunds</h2><p>${ARTICLE_TEXT}</p>`), "fallback");

    expect(document.title).toBe("Refunds | Acme Help Center");
    expect(document.blocks[0]).toEqual({ kind: "heading", level: 2, text: "Refunds" });
  });

  it("reads data tables as rows, header first, and flattens nested lists", () => {
    const html = `
      <table>
        <caption>Plans</caption>
        <thead><tr><th>Plan</th><th>Seats</th></tr></thead>
        <tbody><tr><td><p>Basic</p></td><td>1</td></tr><tr><td>Team</td><td>10</td></tr></tbody>
      </table>
      <ol><li>Open <b>Settings</b><ul><li>Billing</li><li>Plans</li></ul></li><li>Pick a plan</li></ol>
      <pre><code>if (paid) {
  unlock();
}</code></pre>`;

    const document = htmlDocument(html, "Plans page");

    expect(document.title).toBe("Plans page");
    expect(document.blocks).toEqual<Block[]>([
      { kind: "paragraph", text: "Plans" },
      {
        kind: "table",
        rows: [
          ["Plan", "Seats"],
          ["Basic", "1"],
          ["Team", "10"],
        ],
      },
      { kind: "list", items: ["Open Settings", "Billing", "Plans", "Pick a plan"] },
      { kind: "code", text: "if (paid) {\n  unlock();\n}" },
    ]);
  });

  it("reads a layout table's cells as content, not as rows of data", () => {
    const html = `<table><tr><td><h2>Contact</h2><p>Write to support.</p></td></tr></table>
      <table><tr><td>A single-column box of text.</td></tr></table>`;

    expect(htmlDocument(html, "x").blocks).toEqual<Block[]>([
      { kind: "heading", level: 2, text: "Contact" },
      { kind: "paragraph", text: "Write to support." },
      { kind: "paragraph", text: "A single-column box of text." },
    ]);
  });

  it("splits text at double line breaks and at block elements, and collapses source whitespace", () => {
    const html = "<div>First   line<br>same paragraph<br><br>Second\n\n paragraph<div>Third</div>Fourth</div>";

    expect(htmlDocument(html, "x").blocks).toEqual<Block[]>([
      { kind: "paragraph", text: "First line same paragraph" },
      { kind: "paragraph", text: "Second paragraph" },
      { kind: "paragraph", text: "Third" },
      { kind: "paragraph", text: "Fourth" },
    ]);
  });
});
