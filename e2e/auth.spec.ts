import { DEMO, expect, fillSignup, gotoHydrated, logIn, logOut, newAccount, submitLogin, test, uniqueEmail, whoAmI } from "./fixtures";

test.describe("sign-up, logout and login", () => {
  test("sign-up creates a workspace; logout locks the dashboard; login returns to redirectTo", async ({ page }) => {
    const account = newAccount({ name: "Grace Hopper" });
    await fillSignup(page, account);

    await expect(page).toHaveURL("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Welcome, Grace" })).toBeVisible();
    const header = page.getByRole("banner");
    await expect(header.getByText(account.name, { exact: true })).toBeVisible();
    await expect(whoAmI(page, account.email, "Owner")).toBeVisible();
    await expect(page.getByRole("complementary").getByText(account.organisation, { exact: true })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Overview", "Team", "Settings"]) await expect(nav.getByRole("link", { name: link })).toBeVisible();

    await logOut(page);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL("/login?redirectTo=%2Fdashboard");

    // A deeper page survives the round trip through /login.
    await page.goto("/dashboard/team");
    await expect(page).toHaveURL("/login?redirectTo=%2Fdashboard%2Fteam");
    await logIn(page, account.email, account.password);
    await expect(page).toHaveURL("/dashboard/team");
    await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
    await expect(whoAmI(page, account.email, "Owner")).toBeVisible();

    // Logged in, /login and /signup send you back to the dashboard.
    await page.goto("/login");
    await expect(page).toHaveURL("/dashboard");
  });

  test("login does not redirect off-site", async ({ page }) => {
    await page.goto("/login?redirectTo=%2F%2Fevil.example.com%2Fphish");
    await logIn(page, DEMO.owner.email, DEMO.owner.password);
    await expect(page).toHaveURL("/dashboard");
  });
});

test.describe("sign-up rejects bad input", () => {
  test("an email that already has an account", async ({ page }) => {
    await fillSignup(page, newAccount({ email: DEMO.owner.email }));
    await expect(page.getByText("An account with this email already exists. Log in instead.")).toBeVisible();
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL("/signup");
  });

  test("a weak password", async ({ page }) => {
    await fillSignup(page, newAccount({ password: "short" }));
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL("/signup");
  });

  test("markup in the organisation name is shown as text, never run", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const organisation = "<script>alert(1)</script> Ltd";
    const account = newAccount({ organisation, name: `<img src=x onerror=alert(2)> Eve` });
    await fillSignup(page, account);
    await expect(page).toHaveURL("/dashboard");

    await expect(page.getByRole("complementary").getByText(organisation, { exact: true })).toBeVisible();
    await expect(page.getByRole("banner").getByText(account.name, { exact: true })).toBeVisible();
    await page.goto("/dashboard/settings");
    await expect(page.getByLabel("Name")).toHaveValue(organisation);
    await page.goto("/dashboard/team");
    await expect(page.getByRole("table").getByRole("link", { name: account.name })).toBeVisible();
    await page.reload();
    expect(dialogs).toEqual([]);
    // The text is not parsed into elements anywhere on the page.
    await expect(page.locator("main script, aside script, header script, main img, header img")).toHaveCount(0);
  });

  test("a 10 KB name gets a field error, not a server error", async ({ page }) => {
    await gotoHydrated(page, "/signup");
    // The browser's maxlength would truncate the input; a crafted request would not.
    await page.locator("input[maxlength]").evaluateAll((inputs) => inputs.forEach((input) => input.removeAttribute("maxlength")));
    const huge = "x".repeat(10 * 1024);
    await page.getByLabel("Organisation").fill(huge);
    await page.getByLabel("Your name").fill(huge);
    await page.getByLabel("Work email").fill(uniqueEmail("huge"));
    await page.getByLabel("Password").fill("correct-horse-battery-staple");
    const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/signup"));
    await page.getByRole("button", { name: "Create workspace" }).click();
    expect((await response).status()).toBe(400);

    await expect(page.getByText("Your organisation's name must be at most 120 characters.")).toBeVisible();
    await expect(page.getByText("Your name must be at most 120 characters.")).toBeVisible();
    await expect(page.getByLabel("Organisation")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page).toHaveURL("/signup");
  });
});

test("login gives one generic error for an unknown email and for a wrong password", async ({ page }) => {
  const message = "Email or password is incorrect.";

  await submitLogin(page, uniqueEmail("nobody"), "whatever-password-123");
  const unknownEmail = page.getByRole("alert");
  await expect(unknownEmail).toHaveText(message);

  await page.goto("/login");
  await submitLogin(page, DEMO.owner.email, "not-the-right-password");
  await expect(page.getByRole("alert")).toHaveText(message);
  await expect(page).toHaveURL("/login");

  // Same answer on the wire too (status and body), so nothing tells the two cases apart.
  const answers: { status: number; hasMessage: boolean }[] = [];
  for (const email of [uniqueEmail("nobody"), DEMO.agent.email]) {
    await page.goto("/login");
    const csrf = await page.locator('input[name="csrf"]').inputValue();
    const response = await page.request.post("/login", { form: { csrf, email, password: "wrong-password-456", redirectTo: "" }, maxRedirects: 0 });
    answers.push({ status: response.status(), hasMessage: (await response.text()).includes(message) });
  }
  const [a, b] = answers;
  expect(a).toEqual({ status: 400, hasMessage: true });
  expect(b).toEqual(a);
});
