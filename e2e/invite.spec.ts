import { acceptInvite, expect, invite, test, uniqueEmail, whoAmI } from "./fixtures";

test("an owner invites an agent, who joins with the link once", async ({ page, owner, newVisitor }) => {
  const agentEmail = uniqueEmail("agent");
  const link = await invite(page, agentEmail, "Agent");
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);
  await expect(page.getByRole("status")).toContainText(`Invitation for ${agentEmail} created`);
  const pending = page.locator("section").filter({ has: page.getByRole("heading", { name: "Pending invitations" }) });
  await expect(pending.getByRole("listitem").filter({ hasText: `${agentEmail} · Agent` })).toBeVisible();
  await expect(pending.getByRole("button", { name: "Revoke" })).toHaveCount(1);

  // The invitee, in a browser of their own.
  const agent = await newVisitor();
  await agent.goto(link);
  await expect(agent.getByRole("heading", { level: 1, name: `Join ${owner.organisation}` })).toBeVisible();
  await expect(agent.getByText(`You were invited as Agent with ${agentEmail}.`)).toBeVisible();
  await acceptInvite(agent, link, "Linus Agent");
  await expect(whoAmI(agent, agentEmail, "Agent")).toBeVisible();
  await expect(agent.getByRole("complementary").getByText(owner.organisation, { exact: true })).toBeVisible();

  // The owner now sees a member instead of a pending invitation.
  await page.goto("/dashboard/team");
  const row = page.getByRole("row").filter({ hasText: agentEmail });
  await expect(row.getByRole("cell", { name: "Agent", exact: true })).toBeVisible();
  await expect(row.getByRole("link", { name: "Linus Agent" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);

  // A second use of the link, by anyone, is refused.
  const stranger = await newVisitor();
  const response = await stranger.goto(link);
  expect(response?.status()).toBe(410);
  await expect(stranger.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Join the team" })).toHaveCount(0);

  // Posting the join form directly is refused as well, and creates no second account.
  await stranger.goto("/login");
  const csrf = await stranger.locator('input[name="csrf"]').inputValue();
  const replay = await stranger.request.post(link, { form: { csrf, name: "Mallory", password: "mallory-password-123" }, maxRedirects: 0 });
  expect(replay.status()).toBe(410);
  await page.reload();
  await expect(page.getByRole("table").getByRole("link", { name: "Mallory" })).toHaveCount(0);
});

test("a revoked invitation link no longer works", async ({ page, owner: _owner, newVisitor }) => {
  const email = uniqueEmail("revoked");
  const link = await invite(page, email, "Viewer");
  const pending = page.locator("section").filter({ has: page.getByRole("heading", { name: "Pending invitations" }) });
  await pending.getByRole("listitem").filter({ hasText: email }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);

  const visitor = await newVisitor();
  expect((await visitor.goto(link))?.status()).toBe(410);
  await expect(visitor.getByRole("heading", { name: "This link has expired" })).toBeVisible();
});

test("an unknown invitation token is refused", async ({ page }) => {
  const response = await page.goto("/invite/not-a-real-token");
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
});
