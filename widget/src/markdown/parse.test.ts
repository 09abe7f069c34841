import { describe, expect, it } from "vitest";
import { parseInline } from "./parse-inline";
import { parseMarkdown } from "./parse-blocks";
import type { Block, Inline } from "./tokens";

const text = (value: string): Inline => ({ type: "text", text: value });
const paragraph = (...children: Inline[]): Block => ({ type: "paragraph", children });

describe("parseMarkdown blocks", () => {
  it("splits paragraphs on blank lines and keeps single newlines as line breaks", () => {
    expect(parseMarkdown("Hello there\nsecond line\n\nNew paragraph")).toEqual([
      paragraph(text("Hello there"), { type: "break" }, text("second line")),
      paragraph(text("New paragraph")),
    ]);
  });

  it("parses fenced code blocks verbatim, with their language", () => {
    expect(parseMarkdown("Run:\n```bash\nnpm i *x* <b>\n  indented\n```\nDone")).toEqual([
      paragraph(text("Run:")),
      { type: "code-block", language: "bash", text: "npm i *x* <b>\n  indented" },
      paragraph(text("Done")),
    ]);
  });

  it("runs an unclosed fence (a streaming answer) to the end", () => {
    expect(parseMarkdown("~~~\nconst a = 1;")).toEqual([{ type: "code-block", language: "", text: "const a = 1;" }]);
  });

  it("parses bullet lists, including ones interrupting a paragraph", () => {
    expect(parseMarkdown("You can:\n- reset it\n* or **call** us")).toEqual([
      paragraph(text("You can:")),
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [[paragraph(text("reset it"))], [paragraph(text("or "), { type: "strong", children: [text("call")] }, text(" us"))]],
      },
    ]);
  });

  it("parses numbered lists with their first number, across blank lines between items", () => {
    expect(parseMarkdown("3. Open settings\n\n4) Click Save")).toEqual([
      { type: "list", ordered: true, start: 3, items: [[paragraph(text("Open settings"))], [paragraph(text("Click Save"))]] },
    ]);
  });

  it("nests indented lists and keeps wrapped lines in their item", () => {
    expect(parseMarkdown("1. First\n   - sub a\n   - sub b\n2. Second\ncontinued")).toEqual([
      {
        type: "list",
        ordered: true,
        start: 1,
        items: [
          [
            paragraph(text("First")),
            { type: "list", ordered: false, start: 1, items: [[paragraph(text("sub a"))], [paragraph(text("sub b"))]] },
          ],
          [paragraph(text("Second"), { type: "break" }, text("continued"))],
        ],
      },
    ]);
  });

  it("starts a new list when the kind of marker changes", () => {
    const blocks = parseMarkdown("- a\n1. b");
    expect(blocks.map((block) => block.type === "list" && block.ordered)).toEqual([false, true]);
  });

  it("treats headings as headings and other markup-looking lines as text", () => {
    expect(parseMarkdown("## Billing\n#hashtag\n---")).toEqual([
      { type: "heading", children: [text("Billing")] },
      paragraph(text("#hashtag"), { type: "break" }, text("---")),
    ]);
  });

  it("normalises Windows line endings", () => {
    expect(parseMarkdown("a\r\nb\r\n\r\nc")).toEqual([paragraph(text("a"), { type: "break" }, text("b")), paragraph(text("c"))]);
  });
});

describe("parseInline", () => {
  it("parses bold, italic and inline code, with both delimiter styles", () => {
    expect(parseInline("**bold** __also__ *it* _al_ `code *not em*`")).toEqual([
      { type: "strong", children: [text("bold")] },
      text(" "),
      { type: "strong", children: [text("also")] },
      text(" "),
      { type: "emphasis", children: [text("it")] },
      text(" "),
      { type: "emphasis", children: [text("al")] },
      text(" "),
      { type: "code", text: "code *not em*" },
    ]);
  });

  it("nests emphasis inside strong and the other way round", () => {
    expect(parseInline("*a **b** c*")).toEqual([
      { type: "emphasis", children: [text("a "), { type: "strong", children: [text("b")] }, text(" c")] },
    ]);
  });

  it("leaves unmatched or spaced delimiters, snake_case and escapes as text", () => {
    expect(parseInline("2 * 3 * 4, snake_case_name, **half open, \\*literal\\*")).toEqual([
      text("2 * 3 * 4, snake_case_name, **half open, *literal*"),
    ]);
  });

  it("uses longer backtick fences to allow backticks in code", () => {
    expect(parseInline("``a ` b`` and `unclosed")).toEqual([{ type: "code", text: "a ` b" }, text(" and `unclosed")]);
  });

  it("keeps HTML as literal text", () => {
    const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
    expect(parseMarkdown(hostile)).toEqual([paragraph(text(hostile))]);
  });

  it("parses links to http, https and mailto URLs", () => {
    expect(parseInline("[Docs](https://example.com/a_(b)) or [mail](mailto:help@example.com \"Mail us\")")).toEqual([
      { type: "link", href: "https://example.com/a_(b)", children: [text("Docs")] },
      text(" or "),
      { type: "link", href: "mailto:help@example.com", children: [text("mail")] },
    ]);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "/relative/path",
    "//evil.example/x",
  ])("renders a link to %j as its label only", (url) => {
    const nodes = parseInline(`click [here](${url}) now`);
    expect(nodes.every((node) => node.type === "text")).toBe(true);
    expect(nodes.map((node) => (node.type === "text" ? node.text : "")).join("")).toContain("here");
  });

  it("links bare URLs without the punctuation around them", () => {
    expect(parseInline("See https://example.com/help. Or (https://example.com/x_(y))!")).toEqual([
      text("See "),
      { type: "link", href: "https://example.com/help", children: [text("https://example.com/help")] },
      text(". Or ("),
      { type: "link", href: "https://example.com/x_(y)", children: [text("https://example.com/x_(y)")] },
      text(")!"),
    ]);
  });

  it("doesn't nest a bare URL link inside a link label", () => {
    expect(parseInline("[https://a.example](https://a.example)")).toEqual([
      { type: "link", href: "https://a.example/", children: [text("https://a.example")] },
    ]);
  });

  it("parses citation markers, single and grouped", () => {
    expect(parseInline("Reset it [1]. Also [2][3] and [2, 4].")).toEqual([
      text("Reset it "),
      { type: "citation", index: 1 },
      text(". Also "),
      { type: "citation", index: 2 },
      { type: "citation", index: 3 },
      text(" and "),
      { type: "citation", index: 2 },
      { type: "citation", index: 4 },
      text("."),
    ]);
  });

  it("doesn't take [0], words in brackets or numbered links for citations", () => {
    expect(parseInline("[0] [note] [1](https://example.com)")).toEqual([
      text("[0] [note] "),
      { type: "link", href: "https://example.com/", children: [text("1")] },
    ]);
  });
});
