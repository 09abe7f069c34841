import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPage, MAX_PAGE_BYTES, PageFetchError, sitemapUrls } from "./fetch-page.server";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/page") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<html><head><title>Returns</title></head><body><h1>Returns</h1><p>Within 30 days.</p></body></html>");
    } else if (url.pathname === "/loop") {
      response.writeHead(302, { location: "/loop" }).end();
    } else if (url.pathname === "/hop") {
      response.writeHead(301, { location: "/page" }).end();
    } else if (url.pathname === "/slow") {
      // Never answers: the client's timeout must end it.
    } else if (url.pathname === "/huge") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("x".repeat(MAX_PAGE_BYTES + 10));
    } else if (url.pathname === "/image") {
      response.writeHead(200, { "content-type": "image/png" }).end("png");
    } else {
      response.writeHead(404, { "content-type": "text/html" }).end("missing");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PageFetchError);
  return (error as Error).message;
}

const local = { allowPrivateNetwork: true };

describe("fetchPage", () => {
  it("fetches a page and follows a redirect", async () => {
    const page = await fetchPage(`${base}/hop`, local);
    expect(page.url).toBe(`${base}/page`);
    expect(page.body).toContain("Within 30 days.");
  });

  it.each(["http://127.0.0.1/", "http://localhost/", "http://10.0.0.8/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[::ffff:127.0.0.1]/"])(
    "refuses the private address %s (server-side request forgery)",
    async (url) => {
      expect(await failure(fetchPage(url))).toBe("That address is on a private network and cannot be imported.");
    },
  );

  it("stops an endless redirect", async () => {
    expect(await failure(fetchPage(`${base}/loop`, local))).toBe("The page redirected more than 5 times.");
  });

  it("names a 404", async () => {
    expect(await failure(fetchPage(`${base}/missing`, local))).toBe(`The site answered 404 for ${base}/missing.`);
  });

  it("gives up on a site that does not answer", async () => {
    expect(await failure(fetchPage(`${base}/slow`, { ...local, timeoutMs: 300 }))).toBe("The site did not answer within 0.3 seconds.");
  });

  it("refuses pages over the size limit and non-HTML content", async () => {
    expect(await failure(fetchPage(`${base}/huge`, local))).toBe("The page is larger than 5 MB.");
    expect(await failure(fetchPage(`${base}/image`, local))).toBe("The page is image/png, not HTML or text.");
  });

  it.each([
    ["not a url", "That is not a valid URL."],
    ["ftp://example.com/file", "Only http and https URLs can be imported."],
    ["http://user:secret@example.com/", "URLs with a user name or password cannot be imported."],
  ])("refuses %s", async (url, message) => {
    expect(await failure(fetchPage(url))).toBe(message);
  });
});

describe("sitemapUrls", () => {
  it("keeps same-host pages, once each, up to the limit", () => {
    const xml = `<urlset>
      <url><loc>https://help.example.com/a</loc></url>
      <url><loc> https://help.example.com/b?x=1&amp;y=2 </loc></url>
      <url><loc>https://evil.example.net/c</loc></url>
      <url><loc>https://help.example.com/a</loc></url>
      <url><loc>javascript:alert(1)</loc></url>
      <url><loc>https://help.example.com/d</loc></url>
    </urlset>`;
    expect(sitemapUrls(xml, "https://help.example.com/sitemap.xml", 10)).toEqual([
      "https://help.example.com/a",
      "https://help.example.com/b?x=1&y=2",
      "https://help.example.com/d",
    ]);
    expect(sitemapUrls(xml, "https://help.example.com/sitemap.xml", 1)).toEqual(["https://help.example.com/a"]);
  });
});
