import { DEMO, expect, gotoHydrated, logIn, test } from "./fixtures";

/**
 * The demo workspace comes with two months of history, so every analytics page has something to
 * show a newcomer. Figures themselves are checked against raw SQL in the Vitest suites; here the
 * pages render them, the filters work, and the exports download.
 */
test("a newcomer logs in to the demo workspace and sees living analytics, leads and usage", async ({ page }) => {
  await logIn(page, DEMO.owner.email, DEMO.owner.password);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  const conversations = page.locator("dt", { hasText: /^Conversations$/ }).locator("xpath=..");
  await expect(conversations.locator("dd").first()).toHaveText(/^[1-9][\d,]*$/);
  await expect(conversations).toContainText(/vs previous 30 days/);
  const chart = page.getByRole("region", { name: "Conversations" });
  await expect(chart.getByRole("img")).toBeVisible();
  await chart.getByText("Table", { exact: true }).click();
  await expect(chart.getByRole("table")).toBeVisible();
  const download = page.waitForEvent("download");
  await chart.getByRole("link", { name: /Download CSV/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  await page.getByRole("combobox", { name: /^Period/ }).selectOption({ label: "Last 7 days" });
  await expect(page.getByText(/vs previous 7 days/).first()).toBeVisible();

  await page.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "What customers ask" }).click();
  await expect(page.getByRole("table").getByRole("row")).not.toHaveCount(1);
  await page.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Knowledge gaps" }).click();
  await expect(page.getByRole("link", { name: "Write an article" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Write an article" }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/knowledge\/new\?/);

  await gotoHydrated(page, "/dashboard/leads");
  await expect(page.getByRole("heading", { level: 1, name: "Leads" })).toBeVisible();
  await expect(page.getByText(/Group order/).first()).toBeVisible();

  await gotoHydrated(page, "/dashboard/usage");
  await expect(page.getByText("Spent so far")).toBeVisible();
  await expect(page.getByText(/gpt-4o/).first()).toBeVisible();
});
