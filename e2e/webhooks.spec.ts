import { acceptInvite, csrfToken, expect, gotoHydrated, invite, test, uniqueEmail } from "./fixtures";

test.describe("webhook settings", () => {
  test("an owner sets a webhook, reveals and rotates its secret, and turns it off; an agent only reads it", async ({ page, owner: _owner, newVisitor }) => {
    await gotoHydrated(page, "/dashboard/settings");
    const url = page.getByLabel("Endpoint URL");
    await url.fill("https://10.0.0.8/hook");
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.getByText("That address is on a private network; webhooks go only to public addresses.")).toBeVisible();
    await expect(url).toHaveAttribute("aria-invalid", "true");

    await url.fill("https://93.184.215.14/helpdesk");
    await page.getByRole("checkbox", { name: "Budget threshold crossed" }).uncheck();
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.getByRole("status")).toHaveText("Webhook saved.");
    await expect(page.getByText("No events sent yet.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Endpoint URL")).toHaveValue("https://93.184.215.14/helpdesk");
    await expect(page.getByRole("checkbox", { name: "Escalation created" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Budget threshold crossed" })).not.toBeChecked();

    await page.getByRole("button", { name: "Reveal secret" }).click();
    const secret = page.getByRole("textbox", { name: "Signing secret" });
    await expect(secret).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
    const revealed = await secret.inputValue();
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await expect(secret).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
    await expect(secret).not.toHaveValue(revealed);

    await page.getByRole("button", { name: "Turn off webhook" }).click();
    await expect(page.getByText("Off: save to turn it back on")).toBeVisible();
    await expect(page.getByText("webhook secret rotated")).toBeVisible();

    const agent = await newVisitor();
    await acceptInvite(agent, await invite(page, uniqueEmail("agent"), "Agent"), "Ada Agent");
    await gotoHydrated(agent, "/dashboard/settings");
    await expect(agent.getByLabel("Endpoint URL")).toBeDisabled();
    await expect(agent.getByLabel("Endpoint URL")).toHaveValue("https://93.184.215.14/helpdesk");
    await expect(agent.getByText("Only owners and admins can change the webhook or see its secret.")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Save webhook" })).toHaveCount(0);
    await expect(agent.getByRole("button", { name: "Reveal secret" })).toHaveCount(0);
    const reveal = await agent.request.post("/dashboard/settings", { form: { csrf: await csrfToken(agent), intent: "reveal-webhook-secret" }, maxRedirects: 0 });
    expect(reveal.status()).toBe(403);
  });
});
