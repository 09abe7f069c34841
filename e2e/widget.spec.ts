import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, gotoHydrated, test } from "./fixtures";

/**
 * The widget as a customer's site embeds it: a page on another origin (127.0.0.1 on its own port,
 * while the app is localhost:3210) with the one-line snippet. A second such origin is not on the
 * widget's allowed list.
 */
const KNOWLEDGE = `# Delivery and gifts

## Delivery times
Standard delivery takes three to five working days. Express delivery arrives the next working day when you order before 2pm.

## Gift wrapping
Gift wrapping costs four pounds per item. <img src="x" onerror="window.__pwned = 'img'"> <script>window.__pwned = 'script'</script>`;

function customerSite(appOrigin: string): http.Server {
  return http.createServer((request, response) => {
    const widgetId = new URL(request.url ?? "/", "http://site").searchParams.get("widget") ?? "";
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html><head><title>Customer shop</title></head><body>
<h1>Customer shop</h1>
<script src="${appOrigin}/widget.js" data-widget="${widgetId}" async></script>
</body></html>`);
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const allowedSite = customerSite("http://localhost:3210");
const foreignSite = customerSite("http://localhost:3210");
let allowedOrigin: string;
let foreignOrigin: string;

test.beforeAll(async () => {
  allowedOrigin = await listen(allowedSite);
  foreignOrigin = await listen(foreignSite);
});
test.afterAll(async () => {
  allowedSite.close();
  foreignSite.close();
});

/** Uploads the knowledge, waits for it to be indexed, and creates a widget for the allowed site; returns its public id. */
async function prepareWorkspace(page: Page): Promise<string> {
  await gotoHydrated(page, "/dashboard/knowledge/new");
  await page.getByLabel(/^Files/).setInputFiles([{ name: "delivery.md", mimeType: "text/markdown", buffer: Buffer.from(KNOWLEDGE) }]);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Delivery and gifts" }).getByText("Ready")).toBeVisible({ timeout: 60_000 });

  await gotoHydrated(page, "/dashboard/widgets/new");
  await page.getByLabel("Name", { exact: true }).fill("Shop");
  await page.getByLabel("Allowed domains").fill(allowedOrigin);
  await page.getByRole("button", { name: "Create widget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  const snippet = await page.getByText(/data-widget="wgt_/).first().textContent();
  return /data-widget="(wgt_\w+)"/.exec(snippet ?? "")![1];
}

/**
 * The browser does not expose a streamed body to the test, so the stream itself is read here, as the
 * allowed site would send it: the answer must come as several `token` events, not one block.
 */
async function tokenEvents(publicId: string, question: string): Promise<number> {
  const api = `http://localhost:3210/api/widget/${publicId}`;
  const headers = { Origin: allowedOrigin, "Content-Type": "application/json" };
  const session = await (await fetch(`${api}/sessions`, { method: "POST", headers, body: "{}" })).json();
  const response = await fetch(`${api}/messages`, {
    method: "POST",
    headers: { ...headers, Authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ content: question, clientMessageId: crypto.randomUUID() }),
  });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
  return ((await response.text()).match(/^event: token$/gm) ?? []).length;
}

async function openChat(page: Page) {
  await page.getByRole("button", { name: "Chat with us" }).click();
  const message = page.getByRole("textbox", { name: "Message" });
  await expect(message).toBeFocused();
  return message;
}

test("a visitor on a customer's site gets streamed, cited answers, an honest 'I don't know', and no executable HTML", async ({
  page,
  owner: _owner,
  newVisitor,
}) => {
  test.setTimeout(120_000); // indexing the upload is part of it
  const publicId = await prepareWorkspace(page);
  const visitor = await newVisitor();
  await visitor.goto(`${allowedOrigin}/?widget=${publicId}`);
  const message = await openChat(visitor);
  const answers = visitor.getByRole("dialog").getByRole("log");

  await message.fill("How long does standard delivery take?");
  await message.press("Enter");
  await expect(answers.getByText(/three to five working days/)).toBeVisible();
  await expect(answers.getByRole("list", { name: "Sources" }).getByText(/Delivery/).first()).toBeVisible();
  expect(await tokenEvents(publicId, "How long does standard delivery take?")).toBeGreaterThan(1);

  await message.fill("Do you repair bicycles?");
  await message.press("Enter");
  await expect(answers.getByText(/could not find that/)).toBeVisible();
  await expect(answers.getByRole("button", { name: "Talk to a human" })).toBeVisible();

  await message.fill("How much does gift wrapping cost?");
  await message.press("Enter");
  await expect(answers.getByText(/four pounds per item/)).toBeVisible();
  await expect(visitor.locator("helpdesk-chat img")).toHaveCount(0);
  await expect(visitor.locator("helpdesk-chat script")).toHaveCount(0);
  expect(await visitor.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();

  // The conversation survives a reload (same session token).
  await visitor.reload();
  await openChat(visitor);
  await expect(answers.getByText(/three to five working days/)).toBeVisible();

  // The same widget on a site that is not on its list is refused: the server says no (and sends no
  // CORS header, so the browser would not even let the page read why), and nothing is drawn.
  const config = await fetch(`http://localhost:3210/api/widget/${publicId}/config`, { headers: { Origin: foreignOrigin } });
  expect(config.status).toBe(403);
  expect(config.headers.get("access-control-allow-origin")).toBeNull();
  const stranger = await newVisitor();
  const warnings: string[] = [];
  stranger.on("console", (entry) => warnings.push(entry.text()));
  await stranger.goto(`${foreignOrigin}/?widget=${publicId}`);
  await expect.poll(() => warnings.join("\n")).toMatch(/CORS|blocked/i);
  await expect(stranger.getByRole("button", { name: "Chat with us" })).toHaveCount(0);
});

test("the demo page embeds the demo widget and answers from the demo knowledge", async ({ page }) => {
  await page.goto("/demo");
  await page.getByRole("button", { name: "Chat with Nora" }).click();
  const message = page.getByRole("textbox", { name: "Message" });
  await expect(message).toBeFocused();
  await page.getByRole("button", { name: "How do I return an item?" }).click();
  const log = page.getByRole("dialog").getByRole("log");
  await expect(log.getByText(/30 days/)).toBeVisible({ timeout: 30_000 });
  await expect(log.getByRole("list", { name: "Sources" })).toBeVisible();
});
