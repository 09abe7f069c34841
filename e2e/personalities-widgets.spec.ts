import type { Page } from "@playwright/test";
import { acceptInvite, csrfToken, expect, gotoHydrated, invite, newAccount, signUp, test, uniqueEmail } from "./fixtures";

const UUID = "[0-9a-f-]{36}";

/** Creates a personality through the form and returns its id (from the page it lands on). */
async function createPersonality(page: Page, { name, tone, language }: { name: string; tone: string; language: string }): Promise<string> {
  await gotoHydrated(page, "/dashboard/personalities/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Instructions").fill("You help customers of our outdoor shop.");
  await page.getByLabel("Tone").selectOption({ label: tone });
  await page.getByLabel("Language").fill(language);
  await page.getByRole("button", { name: "Create personality" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().match(new RegExp(`/dashboard/personalities/(${UUID})$`))![1];
}

async function createWidget(page: Page, { name, domains }: { name: string; domains: string }): Promise<string> {
  await gotoHydrated(page, "/dashboard/widgets/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Allowed domains").fill(domains);
  await page.getByRole("button", { name: "Create widget" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().match(new RegExp(`/dashboard/widgets/(${UUID})$`))![1];
}

test("an admin creates personalities, switches the default, and embeds a widget on an allowed domain", async ({ page, owner: _owner, baseURL }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personalities" }).click();
  await expect(page.getByText("No personalities yet.")).toBeVisible();

  // The first personality becomes the default by itself.
  await createPersonality(page, { name: "Trail guide", tone: "Friendly", language: "en" });
  await expect(page.getByText("Default", { exact: true })).toBeVisible();

  // A bad language code is named next to its field; the corrected form is saved in canonical form.
  await gotoHydrated(page, "/dashboard/personalities/new");
  await page.getByLabel("Name", { exact: true }).fill("Concierge");
  await page.getByLabel("Tone").selectOption({ label: "Professional" });
  await page.getByLabel("Language").fill("german please");
  await page.getByRole("button", { name: "Create personality" }).click();
  await expect(page.getByText("Use a short language code such as en, de or fr-CA.")).toBeVisible();
  await page.getByLabel("Language").fill("de-at");
  await page.getByRole("button", { name: "Create personality" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Concierge" })).toBeVisible();
  await expect(page.getByLabel("Language")).toHaveValue("de-AT");
  await expect(page.getByText("Default", { exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Make default" }).click();
  await expect(page.getByRole("status")).toHaveText("This is now the workspace default.");
  await page.getByRole("button", { name: "Delete personality" }).click();
  await expect(page.getByRole("alert")).toContainText("Make another personality the default before deleting this one.");

  await page.getByRole("link", { name: "← Personalities" }).click();
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "Concierge" }).getByText("Default", { exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: "Trail guide" }).getByText("Default", { exact: true })).toHaveCount(0);

  // A widget: a path in the domain list is refused, naming the line.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Widgets" }).click();
  await page.getByRole("link", { name: "New widget" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Online shop");
  await page.getByLabel("Personality").selectOption({ label: "Trail guide" });
  await page.getByLabel("Allowed domains").fill("shop.example.com/checkout");
  await page.getByRole("button", { name: "Create widget" }).click();
  await expect(page.getByText('"shop.example.com/checkout": remove the path')).toBeVisible();
  await page.getByLabel("Allowed domains").fill("Shop.Example.com\n*.example.org");
  await page.getByRole("button", { name: "Create widget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Online shop" })).toBeVisible();
  await expect(page.getByLabel("Allowed domains")).toHaveValue("https://shop.example.com\nhttps://*.example.org");

  const publicId = (await page.locator("header, main").getByText(/^wgt_[0-9A-Za-z]{20}$/).first().textContent())!;
  const snippet = page.getByRole("textbox", { name: "Embed snippet" });
  await expect(snippet).toHaveValue(`<script src="${baseURL}/widget.js" data-widget="${publicId}" async></script>`);

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy embed snippet" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.inputValue());

  await page.getByRole("button", { name: "Generate secret" }).click();
  await expect(page.getByRole("textbox", { name: "Identity secret" })).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeVisible();

  await page.getByRole("link", { name: "← Widgets" }).click();
  const row = page.getByRole("row").filter({ hasText: "Online shop" });
  await expect(row).toContainText(publicId);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Trail guide");
  await expect(row).toContainText("https://shop.example.com, https://*.example.org");
});

test("a viewer sees personalities and widgets without edit controls, and forged posts are refused", async ({ page, owner: _owner, newVisitor }) => {
  const personalityId = await createPersonality(page, { name: "Trail guide", tone: "Friendly", language: "en" });
  const widgetId = await createWidget(page, { name: "Online shop", domains: "shop.example.com" });
  await page.getByRole("button", { name: "Generate secret" }).click();
  const secret = await page.getByRole("textbox", { name: "Identity secret" }).inputValue();

  const link = await invite(page, uniqueEmail("viewer"), "Viewer");
  const viewer = await newVisitor();
  await acceptInvite(viewer, link, "Vera Viewer");

  await viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personalities" }).click();
  await expect(viewer.getByRole("link", { name: "Trail guide" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New personality" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Trail guide" }).click();
  await expect(viewer.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(viewer.getByText("Only owners and admins can change personalities.")).toBeVisible();
  for (const name of ["Save", "Make default", "Duplicate", "Delete personality"]) {
    await expect(viewer.getByRole("button", { name })).toHaveCount(0);
  }

  await viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Widgets" }).click();
  await expect(viewer.getByRole("link", { name: "New widget" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Online shop" }).click();
  await expect(viewer.getByRole("textbox", { name: "Embed snippet" })).toBeVisible();
  await expect(viewer.getByLabel("Allowed domains")).toBeDisabled();
  for (const name of ["Save", "Disable widget", "Delete widget", "Reveal secret", "Rotate secret"]) {
    await expect(viewer.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(viewer.getByText("Identity verification is on. Only owners and admins can see the secret.")).toBeVisible();
  expect(await viewer.content()).not.toContain(secret);
  expect((await viewer.goto("/dashboard/widgets/new"))?.status()).toBe(403);

  // Hand-made posts with the viewer's valid token are refused by role...
  const csrf = await csrfToken(viewer);
  for (const [url, form] of [
    [`/dashboard/personalities/${personalityId}`, { csrf, intent: "delete" }],
    [`/dashboard/widgets/${widgetId}`, { csrf, intent: "reveal-secret" }],
    [`/dashboard/widgets/${widgetId}`, { csrf, intent: "disable" }],
    ["/dashboard/widgets/new", { csrf, name: "Sneaky", allowedOrigins: "evil.example.com", theme: "auto", brandColor: "#000000", position: "bottom-right" }],
  ] as const) {
    const response = await viewer.request.post(url, { form, maxRedirects: 0 });
    expect(response.status(), `${url} ${form.intent ?? "create"}`).toBe(403);
    expect(await response.text()).not.toContain(secret);
  }
  // ...and the owner's own session cannot be driven without the form's token.
  const unsigned = await page.request.post(`/dashboard/widgets/${widgetId}`, { form: { intent: "delete" }, maxRedirects: 0 });
  expect(unsigned.status()).toBe(403);

  await gotoHydrated(page, "/dashboard/widgets");
  await expect(page.getByRole("row").filter({ hasText: "Online shop" })).toContainText("Active");
  await gotoHydrated(page, "/dashboard/personalities");
  await expect(page.getByRole("link", { name: "Trail guide" })).toBeVisible();
});

test("another workspace's personality and widget are not found", async ({ page, owner: _owner, newVisitor }) => {
  const personalityId = await createPersonality(page, { name: "Trail guide", tone: "Friendly", language: "en" });
  const widgetId = await createWidget(page, { name: "Online shop", domains: "shop.example.com" });

  const other = await newVisitor();
  await signUp(other, newAccount());
  const csrf = await csrfToken(other);
  for (const url of [`/dashboard/personalities/${personalityId}`, `/dashboard/widgets/${widgetId}`]) {
    expect((await other.goto(url))?.status(), url).toBe(404);
    await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(await other.content()).not.toMatch(/Trail guide|Online shop/);
    const write = await other.request.post(url, { form: { csrf, intent: "delete" }, maxRedirects: 0 });
    expect(write.status(), `delete ${url}`).toBe(404);
  }
  await gotoHydrated(page, "/dashboard/widgets");
  await expect(page.getByRole("link", { name: "Online shop" })).toBeVisible();
});
