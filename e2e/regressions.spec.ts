/** Regression tests for bugs found by this suite: each failed before its fix. */
import { acceptInvite, csrfToken, DEMO, expect, gotoHydrated, invite, invitePanel, submitLogin, test, uniqueEmail } from "./fixtures";

test.describe("regressions", () => {
  test("a form posted without JavaScript (or before hydration) works", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill(DEMO.owner.email);
      await page.getByLabel("Password").fill(DEMO.owner.password);
      const posted = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "Log in" }).click();
      expect((await posted).status(), "native login POST").toBeLessThan(500);
      await expect(page).toHaveURL("/dashboard");
    } finally {
      await context.close();
    }
  });

  test("login never redirects to another site, even with a tab in redirectTo", async ({ page, baseURL }) => {
    await page.context().route((url) => url.hostname === "evil.example.com", (route) => route.fulfill({ status: 200, body: "phished" }));
    await page.goto(`/login?redirectTo=${encodeURIComponent("/\t/evil.example.com/phish")}`);
    await submitLogin(page, DEMO.owner.email, DEMO.owner.password);
    await expect(page.getByRole("button", { name: "Log out" }).or(page.getByText("phished"))).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/dashboard`);
  });

  test("a newline in redirectTo falls back to the dashboard instead of a 500", async ({ page }) => {
    await page.goto("/login");
    const csrf = await csrfToken(page);
    const response = await page.request.post("/login", {
      form: { csrf, email: DEMO.owner.email, password: DEMO.owner.password, redirectTo: "/\n/evil.example.com" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/dashboard");
  });

  test("an admin cannot wipe out an owner's pending invitation by re-inviting the email", async ({ page, owner: _owner, newVisitor }) => {
    const adminLink = await invite(page, uniqueEmail("admin"), "Admin");
    const futureOwner = uniqueEmail("future-owner");
    const ownerLink = await invite(page, futureOwner, "Owner");

    const admin = await newVisitor();
    await acceptInvite(admin, adminLink, "Adele Admin");
    // Revoking it is refused, as it should be...
    await gotoHydrated(admin, "/dashboard/team");
    await admin.getByRole("listitem").filter({ hasText: futureOwner }).getByRole("button", { name: "Revoke" }).click();
    await expect(admin.getByRole("alert")).toHaveText("Your role cannot revoke this invitation.");
    // ...and so is replacing it with an invitation of lower rank.
    const panel = invitePanel(admin);
    await panel.getByLabel("Email").fill(futureOwner);
    await panel.getByLabel("Role").selectOption({ label: "Viewer" });
    await panel.getByRole("button", { name: "Create invitation" }).click();
    await expect(admin.getByText("This email has an open invitation that only an owner can change.")).toBeVisible();

    const invitee = await newVisitor();
    const response = await invitee.goto(ownerLink);
    expect(response?.status(), "the owner's invitation link still works").toBe(200);
  });
});
