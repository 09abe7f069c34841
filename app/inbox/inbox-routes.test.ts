import { beforeAll, describe, expect, it } from "vitest";
import { Message } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { getRequest, postForm, signedIn } from "../auth/test-sign-in.server";
import * as detailRoute from "../routes/dashboard.inbox.$escalationId";
import * as queueRoute from "../routes/dashboard.inbox._index";
import * as cannedRoute from "../routes/dashboard.inbox.canned";
import * as eventsRoute from "../routes/dashboard.inbox.events";
import { escalateConversation } from "../testing/escalation-fixture";

useTestDatabase();

/**
 * The inbox's loaders and actions called as Remix calls them, with a session cookie and the form's
 * CSRF token: what the server refuses, whatever the page shows.
 */
type TestTenant = Awaited<ReturnType<typeof createTestTenant>>;
let acme: TestTenant;
let globex: TestTenant;
let escalationId: string;
let conversationId: string;

beforeAll(async () => {
  acme = await createTestTenant("Acme");
  globex = await createTestTenant("Globex");
  ({ escalationId, conversationId } = await escalateConversation(acme.tenantId));
});

const detailPath = () => `/dashboard/inbox/${escalationId}`;
const reply = (session: { cookie: string; csrf: string }, content = "We are on it.") =>
  detailRoute.action(postForm(session, detailPath(), { intent: "reply", content }, { escalationId }));

/** The HTTP status a loader or action answered with: a thrown or returned Response, or data() with its init. */
async function statusOf(outcome: Promise<unknown>): Promise<number> {
  const settled: unknown = await outcome.catch((error: unknown) => error);
  if (settled instanceof Response) return settled.status;
  const init = (settled as { init?: ResponseInit | null } | null)?.init;
  if (init !== undefined) return init?.status ?? 200;
  if (settled instanceof Error) throw settled;
  return 200;
}

async function agentMessages(): Promise<string[]> {
  const messages = await withTenant(acme.tenantId, (em) => em.find(Message, { tenant: acme.tenantId, conversation: conversationId, role: "agent" }));
  return messages.map((message) => message.content);
}

describe("the inbox routes", () => {
  it("send a visitor without a session to the login page", async () => {
    for (const outcome of [
      queueRoute.loader(getRequest(null, "/dashboard/inbox")),
      detailRoute.loader(getRequest(null, detailPath(), { escalationId })),
      cannedRoute.loader(getRequest(null, "/dashboard/inbox/canned")),
      eventsRoute.loader(getRequest(null, "/dashboard/inbox/events")),
    ]) {
      const refused = (await outcome.catch((error: unknown) => error)) as Response;
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toMatch(/^\/login\?/);
    }
  });

  it("let a viewer read the conversation, and refuse the viewer's reply on the server", async () => {
    const viewer = await signedIn(acme, "viewer");
    const page = await detailRoute.loader(getRequest(viewer.cookie, detailPath(), { escalationId }));
    expect(page.canAct).toBe(false);
    expect(page.transcript.map((entry) => entry.content)).toContain("Where is my order?");
    expect(await statusOf(reply(viewer, "Sneaky"))).toBe(403);
    expect(await agentMessages()).not.toContain("Sneaky");
  });

  it("refuse an agent's reply with a forged or missing CSRF token", async () => {
    const agent = await signedIn(acme, "agent");
    expect(await statusOf(reply({ ...agent, csrf: "forged-token" }, "Forged"))).toBe(403);
    expect(await statusOf(reply({ ...agent, csrf: "" }, "Missing"))).toBe(403);
    expect(await agentMessages()).toEqual([]);
  });

  it("store an agent's reply sent with the form's token", async () => {
    const agent = await signedIn(acme, "agent");
    expect(await statusOf(reply(agent))).toBe(200);
    expect(await agentMessages()).toEqual(["We are on it."]);
  });

  it("answer another workspace's escalation as not found, to read and to act", async () => {
    const intruder = await signedIn(globex, "owner");
    expect(await statusOf(detailRoute.loader(getRequest(intruder.cookie, detailPath(), { escalationId })))).toBe(404);
    expect(await statusOf(reply(intruder, "Hijack"))).toBe(404);
    expect(await agentMessages()).not.toContain("Hijack");
    const queue = await queueRoute.loader(getRequest(intruder.cookie, "/dashboard/inbox?status=all"));
    expect(JSON.stringify(queue)).not.toContain(escalationId);
  });

  it("answer an id that is not one as not found", async () => {
    const agent = await signedIn(acme, "agent");
    expect(await statusOf(detailRoute.loader(getRequest(agent.cookie, "/dashboard/inbox/1%20or%201=1", { escalationId: "1 or 1=1" })))).toBe(404);
  });

  it("keep canned replies to admins", async () => {
    const agent = await signedIn(acme, "agent");
    const create = (session: { cookie: string; csrf: string }) =>
      cannedRoute.action(postForm(session, "/dashboard/inbox/canned", { intent: "create", title: "Delay", content: "Sorry for the wait." }));
    expect(await statusOf(create(agent))).toBe(403);
    expect((await cannedRoute.loader(getRequest(agent.cookie, "/dashboard/inbox/canned"))).replies).toEqual([]);

    const admin = await signedIn(acme, "admin");
    expect(await statusOf(create(admin))).toBe(200);
    const listed = await cannedRoute.loader(getRequest(agent.cookie, "/dashboard/inbox/canned"));
    expect(listed.replies.map((saved) => saved.title)).toEqual(["Delay"]);
  });
});
