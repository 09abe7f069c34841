import { test as base, expect, type Browser, type Page } from "@playwright/test";

/** The workspace `server.ts` seeds on a first start (a fresh .e2e-data every run). */
export const DEMO = {
  organisation: "Northwind Outfitters",
  owner: { name: "Alex Morgan", email: "demo@example.com", password: "demo-password-2026" },
  agent: { name: "Sam Rivera", email: "agent@example.com", password: "agent-password-2026" },
} as const;

export type Role = "Owner" | "Admin" | "Agent" | "Viewer";

export interface Account {
  organisation: string;
  name: string;
  email: string;
  password: string;
}

/** Unique per call, so every test owns its users and workspaces. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.example.com`;
}

export function newAccount(overrides: Partial<Account> = {}): Account {
  const suffix = Math.random().toString(36).slice(2, 7);
  return {
    organisation: `Acme ${suffix}`,
    name: `Ada Lovelace ${suffix}`,
    email: uniqueEmail("owner"),
    password: "correct-horse-battery-staple",
    ...overrides,
  };
}

/**
 * Waits until React has hydrated the page, so a submit goes through Remix (pending states, no full
 * reload) as a person would see it. ScrollRestoration (root.tsx) sets the flag in its mount effect.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => window.history.scrollRestoration === "manual");
}

/** page.goto, then wait for hydration; returns the document response. */
export async function gotoHydrated(page: Page, url: string) {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

/** Fills and submits the sign-up form; does not assert where it lands. */
export async function fillSignup(page: Page, account: Account): Promise<void> {
  await gotoHydrated(page, "/signup");
  await page.getByLabel("Organisation").fill(account.organisation);
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create workspace" }).click();
}

/** Creates a workspace and waits for its owner's dashboard. */
export async function signUp(page: Page, account: Account = newAccount()): Promise<Account> {
  await fillSignup(page, account);
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${account.name.split(" ")[0]}` })).toBeVisible();
  return account;
}

/** Fills and submits the login form on the current page (or /login when elsewhere). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/login")) await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await submitLogin(page, email, password);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL("/login");
}

/** The header's "email · Role" line. */
export function whoAmI(page: Page, email: string, role: Role) {
  return page.getByRole("banner").getByText(`${email} · ${role}`, { exact: true });
}

/** The Team page's "Invite a teammate" panel (a <section> without an accessible name). */
export function invitePanel(page: Page) {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: "Invite a teammate" }) });
}

/** Creates an invitation from the Team page and returns the link shown to the inviter. */
export async function invite(page: Page, email: string, role: Role): Promise<string> {
  await gotoHydrated(page, "/dashboard/team");
  const panel = invitePanel(page);
  await panel.getByLabel("Email").fill(email);
  await panel.getByLabel("Role").selectOption({ label: role });
  await panel.getByRole("button", { name: "Create invitation" }).click();
  const link = page.getByRole("textbox", { name: "Invitation link" });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  return link.inputValue();
}

/** Opens an invitation link and joins with the given name; waits for the dashboard. */
export async function acceptInvite(page: Page, link: string, name: string, password = "another-long-passphrase"): Promise<void> {
  await gotoHydrated(page, link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${name.split(" ")[0]}` })).toBeVisible();
}

/** The double-submit token every form on the current page carries. */
export async function csrfToken(page: Page): Promise<string> {
  const token = await page.locator('input[type="hidden"][name="csrf"]').first().inputValue();
  expect(token.length).toBeGreaterThanOrEqual(32);
  return token;
}

/** A member page's id, read from the Team table link. */
export async function memberId(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/team");
  const href = await page.getByRole("table").getByRole("link", { name, exact: true }).getAttribute("href");
  const id = href?.match(/^\/dashboard\/team\/([0-9a-f-]{36})$/)?.[1];
  expect(id, `member link for ${name}: ${href}`).toBeTruthy();
  return id!;
}

type Fixtures = {
  /** A freshly signed-up workspace owner, logged in on `page`. */
  owner: Account;
  /** Opens a page in a new, isolated browser context (another person); closed after the test. */
  newVisitor: () => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  owner: async ({ page }, use) => {
    await use(await signUp(page));
  },
  newVisitor: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<Browser["newContext"]>>[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
