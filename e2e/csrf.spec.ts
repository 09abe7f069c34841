import { csrfToken, expect, test } from "./fixtures";

test.describe("CSRF protection", () => {
  test("a settings POST without the csrf field, or with a wrong one, is 403", async ({ page, owner }) => {
    await page.goto("/dashboard/settings");
    const form = { name: "Renamed by a forged form", retentionDays: "30" };

    const missing = await page.request.post("/dashboard/settings", { form, maxRedirects: 0 });
    expect(missing.status()).toBe(403);

    const wrong = await page.request.post("/dashboard/settings", { form: { ...form, csrf: "x".repeat(43) }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);

    await page.reload();
    await expect(page.getByLabel("Name")).toHaveValue(owner.organisation);

    // Control: the same request with the page's token is accepted, so the 403s were the token's doing.
    const accepted = await page.request.post("/dashboard/settings", { form: { ...form, csrf: await csrfToken(page) }, maxRedirects: 0 });
    expect(accepted.status()).toBe(200);
    await page.reload();
    await expect(page.getByLabel("Name")).toHaveValue(form.name);
  });

  test("saving settings through the form works (and carries the token)", async ({ page, owner: _owner }) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Name").fill("Renamed Outfitters");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByRole("complementary").getByText("Renamed Outfitters", { exact: true })).toBeVisible();
  });

  test("logout and login also require the token", async ({ page, owner }) => {
    const logout = await page.request.post("/logout", { form: {}, maxRedirects: 0 });
    expect(logout.status()).toBe(403);
    await page.goto("/dashboard");
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();

    const login = await page.request.post("/login", { form: { email: owner.email, password: owner.password }, maxRedirects: 0 });
    expect(login.status()).toBe(403);
  });
});
