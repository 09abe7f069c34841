import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, parseFaq, parseFile, parseHtml, parseText, SUPPORTED_EXTENSIONS } from "./index.server";
import { parseErrorMessage } from "./parse-error.fixture";
import type { Block } from "./types";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("parseFile", () => {
  it("chooses the parser by extension, whatever the case of the name", async () => {
    const markdown = await parseFile({ fileName: "Guide.MD", bytes: utf8("# Guide\n\n- one\n- two") });
    const html = await parseFile({ fileName: "guide.htm", bytes: utf8("<h2>Setup</h2><p>Install it.</p>") });

    expect(markdown.blocks).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Guide" },
      { kind: "list", items: ["one", "two"] },
    ]);
    expect(html.blocks).toEqual<Block[]>([
      { kind: "heading", level: 2, text: "Setup" },
      { kind: "paragraph", text: "Install it." },
    ]);
  });

  it("falls back to the MIME type when the name has no known extension", async () => {
    const document = await parseFile({ fileName: "download", mimeType: "text/markdown; charset=utf-8", bytes: utf8("## Hi\n\nThere.") });

    expect(document.blocks[0]).toEqual({ kind: "heading", level: 2, text: "Hi" });
  });

  it("reads .txt as plain text, where Markdown characters are not markup", async () => {
    const document = await parseFile({ fileName: "notes.txt", bytes: utf8("Use *snake_case* names.\r\nThey     wrap.\r\n\r\n- a list") });

    expect(document).toEqual({
      title: "notes",
      blocks: [
        { kind: "paragraph", text: "Use *snake_case* names. They wrap." },
        { kind: "list", items: ["a list"] },
      ],
    });
  });

  it("titles a document by its first H1, else by the file name without its extension or folders", async () => {
    const withHeading = await parseFile({ fileName: "a.md", bytes: utf8("Intro.\n\n# Real title\n\n# Second") });
    const withoutHeading = await parseFile({ fileName: "C:\\docs\\Refund policy.v2.md", bytes: utf8("Just text.") });

    expect(withHeading.title).toBe("Real title");
    expect(withoutHeading.title).toBe("Refund policy.v2");
  });

  it("normalises text: NFC, line endings, zero-width and control characters, runs of spaces", async () => {
    const text = "Cafe\u0301   cre\u0300me\u200b\u00ad brûlée\u0007\r\nnext\u00a0line";

    const document = await parseFile({ fileName: "menu.txt", bytes: utf8(text) });

    expect(document.blocks).toEqual([{ kind: "paragraph", text: "Café crème brûlée next line" }]);
  });

  it("reads UTF-16 text with a byte-order mark, as Windows Notepad saves it", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("Hello from Notepad", "utf16le")]);

    expect((await parseFile({ fileName: "win.txt", bytes })).blocks).toEqual([{ kind: "paragraph", text: "Hello from Notepad" }]);
  });

  it("reads an HTML file in the legacy encoding its <meta charset> declares", async () => {
    const bytes = new Uint8Array([...utf8('<meta charset="windows-1252"><p>Caf'), 0xe9, ...utf8(" menu</p>")]);

    expect((await parseFile({ fileName: "old.html", bytes })).blocks).toEqual([{ kind: "paragraph", text: "Café menu" }]);
  });

  describe("refuses", () => {
    it("an unsupported type, naming the supported ones", async () => {
      const message = await parseErrorMessage(() => parseFile({ fileName: "sheet.xlsx", bytes: utf8("x") }));

      expect(message).toBe(`This file type is not supported. Upload one of: ${SUPPORTED_EXTENSIONS.join(", ")}.`);
    });

    it("a 0-byte file", async () => {
      expect(await parseErrorMessage(() => parseFile({ fileName: "empty.md", bytes: new Uint8Array() }))).toBe(
        "This file contains no text.",
      );
    });

    it("a file with nothing but whitespace and invisible characters", async () => {
      const bytes = utf8(" \n\n\t\u200b\r\n   \n");

      expect(await parseErrorMessage(() => parseFile({ fileName: "blank.txt", bytes }))).toBe("This file contains no text.");
    });

    it("an HTML file whose only text is hidden or in scripts", async () => {
      const html = '<html><head><script>var a = "x"</script></head><body><p style="display: none">Hidden</p></body></html>';

      expect(await parseErrorMessage(() => parseFile({ fileName: "page.html", bytes: utf8(html) }))).toBe(
        "This file contains no text.",
      );
    });

    it("a binary file renamed .txt", async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

      expect(await parseErrorMessage(() => parseFile({ fileName: "photo.txt", bytes: png }))).toBe(
        "This looks like a binary file, not text.",
      );
    });

    it("a file that is mostly control bytes, even without NUL bytes", async () => {
      const bytes = new Uint8Array(Array.from({ length: 400 }, (_, index) => (index % 4 === 0 ? 0x01 : 0x41)));

      expect(await parseErrorMessage(() => parseFile({ fileName: "data.md", bytes }))).toBe(
        "This looks like a binary file, not text.",
      );
    });

    it("text that is not valid UTF-8", async () => {
      const latin1 = new Uint8Array([...utf8("Caf"), 0xe9, ...utf8(" au lait")]);

      expect(await parseErrorMessage(() => parseFile({ fileName: "menu.txt", bytes: latin1 }))).toMatch(
        /^This file is not UTF-8 text\./,
      );
    });

    it("a file over the upload limit, naming the limit", async () => {
      const bytes = new Uint8Array(MAX_UPLOAD_BYTES + 1);

      expect(await parseErrorMessage(() => parseFile({ fileName: "big.txt", bytes }))).toBe("This file is larger than the 20 MB limit.");
    });

    it("a .pdf that is not a PDF and a .docx that is not a Word document", async () => {
      const text = utf8("hello");

      expect(await parseErrorMessage(() => parseFile({ fileName: "a.pdf", bytes: text }))).toBe("This file is not a valid PDF.");
      expect(await parseErrorMessage(() => parseFile({ fileName: "a.docx", bytes: text }))).toBe(
        "This file is not a valid Word document (.docx).",
      );
    });
  });
});

describe("parseText", () => {
  it("reads blank-line paragraphs, '# ' headings and '- ' lists; other lines join their paragraph", () => {
    const text = "# Returns\nWe accept returns\nwithin 30 days.\n\n## What to send\n- the item\n  in its box\n- the receipt\n1. then wait\nAfter the list.";

    expect(parseText({ title: "Returns policy", text })).toEqual({
      title: "Returns policy",
      blocks: [
        { kind: "heading", level: 1, text: "Returns" },
        { kind: "paragraph", text: "We accept returns within 30 days." },
        { kind: "heading", level: 2, text: "What to send" },
        { kind: "list", items: ["the item in its box", "the receipt", "then wait"] },
        { kind: "paragraph", text: "After the list." },
      ],
    });
  });

  it("takes the first H1 as title when none is given", () => {
    expect(parseText({ title: "  ", text: "# Shipping\n\nFast." }).title).toBe("Shipping");
  });

  it("refuses empty text", () => {
    expect(() => parseText({ title: "x", text: "  \n\n " })).toThrow("The text is empty.");
  });
});

describe("parseHtml", () => {
  it("keeps only the text of a page full of scripts, styles and handlers", () => {
    const html = `<!doctype html><html><head><title>Status</title><script>steal(document.cookie)</script></head>
      <body onload="init()"><style>.a{}</style><p>All systems operational.<img src=x onerror="alert(1)"></p>
      <script>alert("body")</script><a href="javascript:void(0)" onclick="track()">Details</a></body></html>`;

    const document = parseHtml({ html, fallbackTitle: "Status page" });

    expect(document.title).toBe("Status");
    const text = JSON.stringify(document.blocks);
    expect(text).toContain("All systems operational.");
    expect(text).toContain("Details");
    expect(text).not.toMatch(/steal|cookie|alert|onerror|onclick|track|init|\.a\{/);
  });

  it("refuses a page with no text", () => {
    expect(() => parseHtml({ html: "<html><body><script>x()</script></body></html>", fallbackTitle: "x" })).toThrow(
      "This page contains no text.",
    );
  });
});

describe("parseFaq", () => {
  it("makes one FAQ block titled by its question, keeping the answer's line breaks", () => {
    expect(parseFaq({ question: "  Can I   pay yearly? ", answer: "Yes.\r\n\r\n\r\nSave   20%." })).toEqual({
      title: "Can I pay yearly?",
      blocks: [{ kind: "faq", question: "Can I pay yearly?", answer: "Yes.\n\nSave 20%." }],
    });
  });

  it("refuses a question or answer left empty", () => {
    expect(() => parseFaq({ question: " ", answer: "Yes." })).toThrow("The question is empty.");
    expect(() => parseFaq({ question: "Why?", answer: "\u200b" })).toThrow("The answer is empty.");
  });
});
