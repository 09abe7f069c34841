import { acceptInvite, csrfToken, expect, invite, memberId, newAccount, signUp, test, uniqueEmail } from "./fixtures";

test("a member URL of one workspace is 404 for another workspace", async ({ page, owner, newVisitor }) => {
  // Workspace A: the owner and an agent.
  const agentEmail = uniqueEmail("a-agent");
  const agentName = "Alice Tenant-A";
  const link = await invite(page, agentEmail, "Agent");
  const agentPage = await newVisitor();
  await acceptInvite(agentPage, link, agentName);

  const agentId = await memberId(page, agentName);
  const memberUrl = `/dashboard/team/${agentId}`;
  await page.goto(memberUrl);
  await expect(page.getByRole("heading", { level: 1, name: agentName })).toBeVisible();
  await expect(page.getByText(`${agentEmail} · Agent`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save role" })).toBeVisible();

  // Workspace B: its owner tries A's URL.
  const other = await newVisitor();
  await signUp(other, newAccount({ name: "Bob Tenant-B" }));
  const response = await other.goto(memberUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
  const html = await other.content();
  for (const secret of [agentName, agentEmail, owner.name, owner.email, owner.organisation]) {
    expect(html, `page must not mention ${secret}`).not.toContain(secret);
  }
  await expect(other.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();

  // Nor do A's members show up in B's team list.
  await other.goto("/dashboard/team");
  await expect(other.getByRole("table").getByRole("row")).toHaveCount(2); // header + B's owner
  await expect(other.getByText(agentEmail)).toHaveCount(0);

  // Writes through the URL fail the same way and change nothing in A.
  const csrf = await csrfToken(other);
  for (const form of <Record<string, string>[]>[
    { csrf, intent: "change-role", role: "viewer" },
    { csrf, intent: "remove" },
  ]) {
    const write = await other.request.post(memberUrl, { form, maxRedirects: 0 });
    expect(write.status(), `${form.intent} on another workspace's member`).toBe(404);
  }
  await page.goto(memberUrl);
  await expect(page.getByText(`${agentEmail} · Agent`)).toBeVisible();
});

test("malformed and unknown member ids are 404", async ({ page, owner: _owner }) => {
  for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(`/dashboard/team/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});
