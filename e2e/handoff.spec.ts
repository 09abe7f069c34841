import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { SECOND_PORT } from "../playwright.config";
import { acceptInvite, csrfToken, expect, gotoHydrated, invite, signUp, test, uniqueEmail } from "./fixtures";

/**
 * Human handoff across two app processes: the customer's site loads the widget from the second
 * process (localhost:3211), the agents work on the first (localhost:3210). Both share one
 * database, so everything that reaches the other side travels through it, as behind a load balancer.
 */
const SECOND_APP = `http://localhost:${SECOND_PORT}`;

const customerSite = http.createServer((request, response) => {
  const widgetId = new URL(request.url ?? "/", "http://site").searchParams.get("widget") ?? "";
  response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><html><head><title>Customer shop</title></head><body>
<h1>Customer shop</h1>
<script src="${SECOND_APP}/widget.js" data-widget="${widgetId}" async></script>
</body></html>`);
});
let siteOrigin: string;

test.beforeAll(async () => {
  await new Promise<void>((resolve) => customerSite.listen(0, "127.0.0.1", resolve));
  siteOrigin = `http://127.0.0.1:${(customerSite.address() as AddressInfo).port}`;
});
test.afterAll(() => {
  customerSite.close();
});

async function createWidget(page: Page): Promise<string> {
  await gotoHydrated(page, "/dashboard/widgets/new");
  await page.getByLabel("Name", { exact: true }).fill("Shop");
  await page.getByLabel("Allowed domains").fill(siteOrigin);
  await page.getByRole("button", { name: "Create widget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();
  const snippet = await page.getByText(/data-widget="wgt_/).first().textContent();
  return /data-widget="(wgt_\w+)"/.exec(snippet ?? "")![1];
}

async function openChat(visitor: Page, publicId: string) {
  await visitor.goto(`${siteOrigin}/?widget=${publicId}`);
  await visitor.getByRole("button", { name: "Chat with us" }).click();
  const chat = visitor.getByRole("dialog");
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeFocused();
  return chat;
}

test("a visitor's handoff reaches an agent live on another app process, and the agent's reply reaches the visitor live", async ({
  page,
  owner,
  newVisitor,
}) => {
  test.setTimeout(60_000);
  const publicId = await createWidget(page);
  // The agent has the inbox open (which also marks them online) before anything arrives.
  await gotoHydrated(page, "/dashboard/inbox");
  const queue = page.getByRole("table");

  const visitor = await newVisitor();
  const chat = await openChat(visitor, publicId);
  const log = chat.getByRole("log");
  await chat.getByRole("textbox", { name: "Message" }).fill("My parcel is late, can I talk to a human please?");
  await chat.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(log.getByText("Thanks, we have let our team know.", { exact: false })).toBeVisible();
  await expect(chat.getByRole("textbox", { name: "Your email" })).toHaveCount(0); // someone is online

  // It appears in the inbox without a reload.
  const row = queue.getByRole("row").filter({ hasText: "My parcel is late" });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("navigation", { name: "Main" }).getByText(/1 unread/)).toBeVisible();
  await row.getByRole("link").click();
  await expect(page.getByText("Nobody has this conversation yet.")).toBeVisible();
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByText(/Assigned to/)).toContainText("you");

  await page.getByLabel("Reply to the customer").fill("Hi, I am looking at your parcel now.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(log.getByText("Hi, I am looking at your parcel now.")).toBeVisible();
  await expect(log.getByText(`${owner.name} · Support`)).toBeVisible();
  await expect(log.getByText(`${owner.name} joined the conversation`)).toBeVisible();

  // An internal note never reaches the visitor.
  await page.getByLabel(/Internal note/).fill("Carrier says it is stuck in the depot.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Carrier says it is stuck in the depot.")).toBeVisible();

  // While the agent has it, the assistant stays silent; the visitor's message reaches the agent live.
  await chat.getByRole("textbox", { name: "Message" }).fill("Thank you! The order number is 4411.");
  await chat.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(log.getByText("A member of our team is handling this conversation")).toBeVisible();
  await expect(page.getByRole("list", { name: "Transcript" }).getByText("The order number is 4411.")).toBeVisible({ timeout: 10_000 });
  await expect(log.getByText("Carrier says it is stuck")).toHaveCount(0);

  // On the next page the handover is followed before the chat is opened: a reply shows on the launcher.
  const following = visitor.waitForRequest((request) => new URL(request.url()).pathname.endsWith("/events"));
  await visitor.reload();
  await following;
  await page.getByLabel("Reply to the customer").fill("Found it: it leaves the depot today.");
  await page.getByRole("button", { name: "Send reply" }).click();
  const launcher = visitor.getByRole("button", { name: /^Chat with us\s*1 new$/ });
  await expect(launcher).toBeVisible({ timeout: 10_000 });
  await launcher.click();
  await expect(log.getByText("Found it: it leaves the depot today.")).toBeVisible();
  await expect(visitor.getByRole("button", { name: /new$/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Resolve" }).click();
  const survey = chat.getByRole("group", { name: "How did we do?" });
  await expect(survey).toBeVisible({ timeout: 10_000 });
  await survey.getByRole("radio", { name: /4/ }).check();
  await chat.getByLabel("Comment (optional)").fill("Quick and kind.");
  await chat.getByRole("button", { name: "Send rating" }).click();
  await expect(chat.getByText("Thanks for your feedback")).toBeVisible();
  await page.reload();
  await expect(page.getByText("4 of 5")).toBeVisible();
  await expect(page.getByText("“Quick and kind.”")).toBeVisible();
  const escalationPath = new URL(page.url()).pathname;

  // A viewer of the same workspace reads the conversation but cannot reply, even by a hand-made POST.
  const viewerLink = await invite(page, uniqueEmail("viewer"), "Viewer");
  const viewer = await newVisitor();
  await acceptInvite(viewer, viewerLink, "Vera Viewer");
  await gotoHydrated(viewer, escalationPath);
  await expect(viewer.getByRole("list", { name: "Transcript" }).getByText("Hi, I am looking at your parcel now.")).toBeVisible();
  await expect(viewer.getByLabel("Reply to the customer")).toHaveCount(0);
  const refused = await viewer.request.post(escalationPath, { form: { csrf: await csrfToken(viewer), intent: "reply", content: "Sneaky" }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);

  // Another workspace's agent can neither see nor open it.
  const stranger = await newVisitor();
  await signUp(stranger);
  await gotoHydrated(stranger, "/dashboard/inbox?status=all");
  await expect(stranger.getByText("My parcel is late")).toHaveCount(0);
  const response = await stranger.goto(escalationPath);
  expect(response?.status()).toBe(404);
});

test("with nobody online, the visitor is told and can leave an email for a reply", async ({ page, owner: _owner, newVisitor }) => {
  const publicId = await createWidget(page);
  const visitor = await newVisitor();
  const chat = await openChat(visitor, publicId);
  await chat.getByRole("button", { name: "Talk to a human" }).first().click();
  const email = chat.getByRole("textbox", { name: "Your email" });
  await expect(email).toBeVisible();
  await email.fill("not-an-email");
  await chat.getByRole("button", { name: "Send email" }).click();
  await expect(email).toBeVisible(); // the browser refuses it before sending
  await email.fill("casey@example.com");
  await chat.getByRole("button", { name: "Send email" }).click();
  await expect(chat.getByText("Thanks — we'll email you at casey@example.com")).toBeVisible();

  await gotoHydrated(page, "/dashboard/inbox");
  await expect(page.getByRole("table").getByText("casey@example.com")).toBeVisible();
});
