import { acceptInvite, csrfToken, expect, invite, invitePanel, memberId, test, uniqueEmail, whoAmI } from "./fixtures";

test.describe("role limits", () => {
  test("an agent cannot invite, edit settings, or post to them directly", async ({ page, owner, newVisitor }) => {
    const agentEmail = uniqueEmail("agent");
    const link = await invite(page, agentEmail, "Agent");
    const ownerId = await memberId(page, owner.name);
    const agent = await newVisitor();
    await acceptInvite(agent, link, "Ada Agent");
    await expect(whoAmI(agent, agentEmail, "Agent")).toBeVisible();

    // Team: the member list, but no invite panel.
    await agent.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
    await expect(agent).toHaveURL("/dashboard/team");
    await expect(agent.getByRole("table").getByRole("link", { name: owner.name })).toBeVisible();
    await expect(agent.getByRole("heading", { name: "Invite a teammate" })).toHaveCount(0);
    await expect(agent.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
    await expect(agent.getByRole("button", { name: "Revoke" })).toHaveCount(0);

    // Member pages: no controls, for the owner nor for themselves.
    await agent.goto(`/dashboard/team/${ownerId}`);
    await expect(agent.getByText("Your role cannot change this member.")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Save role" })).toHaveCount(0);
    await expect(agent.getByRole("button", { name: `Remove ${owner.name}` })).toHaveCount(0);
    await agent.goto(`/dashboard/team/${await memberId(agent, "Ada Agent")}`);
    await expect(agent.getByText("An owner or admin can change your role.")).toBeVisible();

    // Settings: read-only.
    await agent.goto("/dashboard/settings");
    await expect(agent.getByLabel("Name")).toBeDisabled();
    await expect(agent.getByLabel("Name")).toHaveValue(owner.organisation);
    const workspacePanel = agent.locator("section").filter({ has: agent.getByRole("heading", { name: "Workspace" }) });
    await expect(workspacePanel.getByText("Only owners and admins can change these settings.")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Save" })).toHaveCount(0);

    // A hand-made POST with a valid token is still refused by the server.
    const csrf = await csrfToken(agent);
    const settings = await agent.request.post("/dashboard/settings", {
      form: { csrf, name: "Taken over by an agent", retentionDays: "30" },
      maxRedirects: 0,
    });
    expect(settings.status()).toBe(403);
    const invitation = await agent.request.post("/dashboard/team", {
      form: { csrf, intent: "invite", email: uniqueEmail("sneaky"), role: "owner" },
      maxRedirects: 0,
    });
    expect(invitation.status()).toBe(403);
    const promotion = await agent.request.post(`/dashboard/team/${ownerId}`, {
      form: { csrf, intent: "change-role", role: "viewer" },
      maxRedirects: 0,
    });
    expect(promotion.status()).toBe(403);

    // Nothing changed.
    await page.goto("/dashboard/settings");
    await expect(page.getByLabel("Name")).toHaveValue(owner.organisation);
    await page.goto("/dashboard/team");
    await expect(page.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: owner.email }).getByRole("cell", { name: "Owner", exact: true })).toBeVisible();
  });

  test("an admin can only invite agents and viewers", async ({ page, owner, newVisitor }) => {
    const adminEmail = uniqueEmail("admin");
    const link = await invite(page, adminEmail, "Admin");
    // The owner is offered every role.
    await expect(invitePanel(page).getByLabel("Role").getByRole("option")).toHaveText(["Owner", "Admin", "Agent", "Viewer"]);

    const admin = await newVisitor();
    await acceptInvite(admin, link, "Adrian Admin");
    await expect(whoAmI(admin, adminEmail, "Admin")).toBeVisible();
    await admin.goto("/dashboard/team");
    const role = invitePanel(admin).getByLabel("Role");
    await expect(role.getByRole("option")).toHaveText(["Agent", "Viewer"]);
    await expect(role).toHaveValue("agent");

    // Inviting a viewer works...
    await invite(admin, uniqueEmail("viewer"), "Viewer");

    // ...but a forged request for an owner invitation is refused.
    const csrf = await csrfToken(admin);
    const forged = await admin.request.post("/dashboard/team", {
      form: { csrf, intent: "invite", email: uniqueEmail("forged"), role: "owner" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);

    // An admin cannot manage the owner.
    await admin.goto(`/dashboard/team/${await memberId(admin, owner.name)}`);
    await expect(admin.getByText("Your role cannot change this member.")).toBeVisible();
    await expect(admin.getByRole("button", { name: "Save role" })).toHaveCount(0);

    // Settings are editable for admins.
    await admin.goto("/dashboard/settings");
    await expect(admin.getByLabel("Name")).toBeEnabled();
    await expect(admin.getByRole("button", { name: "Save", exact: true })).toBeVisible();
  });
});
