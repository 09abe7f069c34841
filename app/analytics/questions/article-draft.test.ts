import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ARTICLE_TITLE_MAX, articleDraftHref, readArticlePrefill } from "./article-draft";

const HOSTILE = `Do you sell <script>alert("x")</script> & "gift" cards?&content=spam#top`;

describe("the article draft for a knowledge gap", () => {
  it("carries the question and the draft to the editor as plain text", () => {
    const href = articleDraftHref({ representative: HOSTILE, questions: [HOSTILE, "  gift cards?  ", "gift cards?"] });
    const url = new URL(href, "https://helpdesk.example");
    expect(url.pathname).toBe("/dashboard/knowledge/new");
    expect([...url.searchParams.keys()]).toEqual(["title", "content"]);

    const prefill = readArticlePrefill(url.searchParams);
    expect(prefill.title).toBe(HOSTILE);
    expect(prefill.content).toBe(`Customers asked:\n- ${HOSTILE}\n- gift cards?\n\nWrite the answer here.`);
  });

  it("reaches the editor's fields as escaped values", () => {
    const { title, content } = readArticlePrefill(new URL(articleDraftHref({ representative: HOSTILE, questions: [HOSTILE] }), "https://h.example").searchParams);
    const markup = renderToStaticMarkup(
      createElement("form", null, createElement("input", { name: "title", defaultValue: title }), createElement("textarea", { name: "text", defaultValue: content })),
    );
    expect(markup).not.toContain("<script>");
    expect(markup).toContain("&lt;script&gt;");
    expect(markup).toContain('value="Do you sell &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;gift&quot; cards?&amp;content=spam#top"');
  });

  it("bounds what the editor accepts from the address", () => {
    expect(readArticlePrefill(new URLSearchParams({ title: "x".repeat(1_000) })).title).toHaveLength(ARTICLE_TITLE_MAX);
    expect(readArticlePrefill(new URLSearchParams())).toEqual({ title: "", content: "" });
  });
});
