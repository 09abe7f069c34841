import { expect, gotoHydrated, test } from "./fixtures";

const FILES = [
  {
    name: "returns.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(`# Returns policy

## Return window
You may return unused items within 45 days of delivery for a full refund.

## Damaged items
If an item arrives broken, send us a photo within 7 days and we replace it at no cost.`),
  },
  {
    name: "shipping.html",
    mimeType: "text/html",
    buffer: Buffer.from(`<html><head><title>Shipping</title><script>window.hacked = true</script></head>
<body><main><h1>Shipping times</h1><p>Standard delivery inside the EU takes three to five working days.</p>
<img src="x" onerror="window.hacked = true"><h2>Express</h2><p>Express parcels arrive the next working day when ordered before noon.</p></main></body></html>`),
  },
  { name: "contact.txt", mimeType: "text/plain", buffer: Buffer.from("Our phone line is open Monday to Friday from 8:00 to 18:00.") },
  { name: "broken.pdf", mimeType: "application/pdf", buffer: Buffer.from("this is not really a PDF") },
];

test("an admin uploads mixed files, watches them index, and finds the right section in the playground", async ({ page, owner: _owner }) => {
  await gotoHydrated(page, "/dashboard/knowledge/new");
  await page.getByLabel(/^Files/).setInputFiles(FILES);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/dashboard\/knowledge$/);

  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "Returns policy" }).getByText("Ready")).toBeVisible({ timeout: 60_000 });
  await expect(rows.filter({ hasText: "Shipping times" }).getByText("Ready")).toBeVisible({ timeout: 60_000 });
  await expect(rows.filter({ hasText: "contact.txt" }).getByText("Ready")).toBeVisible({ timeout: 60_000 });
  const broken = rows.filter({ hasText: "broken.pdf" });
  await expect(broken.getByText("Failed")).toBeVisible({ timeout: 60_000 });
  await expect(broken.getByText("This file is not a valid PDF.")).toBeVisible();

  await page.getByRole("link", { name: "Shipping times" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shipping times" })).toBeVisible();
  await expect(page.getByText("Express parcels arrive the next working day")).toBeVisible();
  await expect(page.getByText("onerror")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { hacked?: boolean }).hacked)).toBeUndefined();

  await gotoHydrated(page, "/dashboard/knowledge/playground");
  await page.getByLabel("Question").fill("what happens if my item arrives broken?");
  await page.getByRole("button", { name: "Search" }).click();
  const first = page.getByRole("list", { name: "Results" }).getByRole("listitem").first();
  await expect(first).toContainText("Damaged items");
  await expect(first).toContainText("send us a photo within 7 days");
});

test("an oversized or unsupported upload is refused with the reason and nothing is added", async ({ page, owner: _owner }) => {
  await gotoHydrated(page, "/dashboard/knowledge/new");
  await page.getByLabel(/^Files/).setInputFiles([{ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") }]);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText(/tool\.exe: only \.txt, \.md/)).toBeVisible();

  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const response = await page.request.post("/dashboard/knowledge/new", {
    multipart: {
      csrf,
      intent: "files",
      files: { name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(21 * 1024 * 1024, "a") },
    },
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("20 MB limit");

  await gotoHydrated(page, "/dashboard/knowledge");
  await expect(page.getByText("No documents yet.")).toBeVisible();
});
