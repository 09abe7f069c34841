import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AuditLog, Conversation, Escalation, Message, SurveyResponse, User, WebhookDelivery, WebhookEndpoint, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { openEscalation } from "../chat/escalate.server";
import { visibleMessages } from "../chat/sessions.server";
import type { UserRole } from "../auth/roles";
import {
  addInternalNote, assignEscalation, changePriority, claimEscalation, createCannedReply, escalationDetail, InboxError, listCannedReplies,
  listEscalations, markRead, markWaitingOnCustomer, reopenEscalation, replyToCustomer, resolveEscalation, RESOLVED_NOTICE, touchPresence,
  unassignEscalation, unreadCount, updateCannedReply,
} from "./inbox.server";
import { escalateConversation } from "../testing/escalation-fixture";
import { queueFiltersFrom, type QueueFilters } from "./inbox-rules";

useTestDatabase();

type Actor = { id: string; tenant: { id: string; name: string; slug: string } };

interface Workspace {
  tenantId: string;
  owner: Actor;
  alex: Actor;
  sam: Actor;
  vera: Actor;
  widgetId: string;
  otherWidgetId: string;
}

async function workspace(name: string): Promise<Workspace> {
  const { tenantId, ownerId } = await createTestTenant(name);
  const actor = (id: string): Actor => ({ id, tenant: { id: tenantId, name, slug: "" } });
  return withTenant(tenantId, async (em) => {
    const member = (memberName: string, role: UserRole) =>
      em.create(User, { tenant: tenantId, email: `${memberName.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`, name: memberName, passwordHash: "scrypt$unusable", role });
    const alex = member("Alex", "agent");
    const sam = member("Sam", "agent");
    const vera = member("Vera", "viewer");
    const widget = em.create(Widget, { tenant: tenantId, name: "Shop", publicId: `wgt_${randomUUID().slice(0, 12)}` });
    const otherWidget = em.create(Widget, { tenant: tenantId, name: "Help centre", publicId: `wgt_${randomUUID().slice(0, 12)}` });
    em.create(WebhookEndpoint, {
      tenant: tenantId,
      url: "https://hooks.example.test/helpdesk",
      secret: randomUUID(),
      events: ["escalation.created", "escalation.assigned", "escalation.resolved"],
    });
    await em.flush();
    return { tenantId, owner: actor(ownerId), alex: actor(alex.id), sam: actor(sam.id), vera: actor(vera.id), widgetId: widget.id, otherWidgetId: otherWidget.id };
  });
}

/** A customer's conversation in the workspace's shop widget unless told otherwise, handed to the team. */
const escalate = (ws: Workspace, options: Parameters<typeof escalateConversation>[1] = {}) =>
  escalateConversation(ws.tenantId, { widgetId: ws.widgetId, ...options });

async function refusal(promise: Promise<unknown>): Promise<InboxError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof InboxError)) throw new Error(`Expected an inbox refusal, got ${String(error)}`);
  return error;
}

function filters(overrides: Partial<QueueFilters> = {}): QueueFilters {
  return { ...queueFiltersFrom(new URLSearchParams()), ...overrides };
}

async function list(ws: Workspace, who: Actor, overrides: Partial<QueueFilters> = {}) {
  return listEscalations({ tenantId: ws.tenantId, userId: who.id, filters: filters(overrides) });
}

async function loadEscalation(ws: Workspace, escalationId: string) {
  return withTenant(ws.tenantId, (em) => em.findOneOrFail(Escalation, { id: escalationId }));
}

async function liveEvents(ws: Workspace, conversationId: string) {
  return withTenant(ws.tenantId, (em) =>
    em.execute<{ audience: string; type: string; payload: Record<string, unknown> }[]>(
      `select audience, type, payload from live_events where conversation_id = ? order by tx_id, seq`,
      [conversationId],
    ),
  );
}

async function deliveries(ws: Workspace) {
  return withTenant(ws.tenantId, (em) => em.find(WebhookDelivery, { tenant: ws.tenantId }, { orderBy: { createdAt: "asc" } }));
}

describe("the queue", () => {
  let ws: Workspace;
  let waiting: string;
  let mine: string;
  let urgent: string;
  let resolved: string;
  let elsewhere: string;
  let breached: string;

  beforeAll(async () => {
    ws = await workspace("Queue");
    waiting = (await escalate(ws, { customer: "Ana", message: "My parcel never arrived" })).escalationId;
    mine = (await escalate(ws, { customer: "Ben" })).escalationId;
    urgent = (await escalate(ws, { customer: "Cleo" })).escalationId;
    resolved = (await escalate(ws, { customer: "Dan" })).escalationId;
    elsewhere = (await escalate(ws, { customer: "Eve", widgetId: ws.otherWidgetId })).escalationId;
    breached = (await escalate(ws, { customer: "Finn" })).escalationId;
    await claimEscalation({ actor: ws.alex, escalationId: mine });
    await changePriority({ actor: ws.owner, escalationId: urgent, priority: "urgent" });
    await replyToCustomer({ actor: ws.sam, escalationId: waiting, content: "Could you send the order number?", waitOnCustomer: true });
    await resolveEscalation({ actor: ws.owner, escalationId: resolved });
    await withTenant(ws.tenantId, (em) => em.nativeUpdate(Escalation, { id: breached }, { slaDueAt: new Date(Date.now() - 5 * 60_000) }));
  });

  it("lists unresolved escalations by default: breached deadline first, then the nearest deadline", async () => {
    const page = await list(ws, ws.alex);
    expect(page.rows.map((row) => row.id)).toEqual([breached, urgent, waiting, mine, elsewhere]);
    expect(page.hasNextPage).toBe(false);
  });

  it("shows what an agent needs on each row", async () => {
    const page = await list(ws, ws.alex);
    const row = page.rows.find((candidate) => candidate.id === waiting)!;
    expect(row).toMatchObject({
      endUserName: "Ana",
      endUserEmail: "ana@example.test",
      widgetName: "Shop",
      trigger: "visitor_request",
      reason: "Asked for a person",
      status: "waiting",
      assigneeName: "Sam",
      preview: "My parcel never arrived",
      unread: true,
    });
    expect(page.rows.find((candidate) => candidate.id === urgent)!.slaDueAt).toBeInstanceOf(Date);
    expect(page.widgets.map((widget) => widget.name)).toEqual(["Help centre", "Shop"]);
    expect(page.liveCursor).toMatch(/^\d+-\d+$/);
  });

  it("filters by status, priority, assignee and widget", async () => {
    const ids = async (overrides: Partial<QueueFilters>, who = ws.alex) => (await list(ws, who, overrides)).rows.map((row) => row.id).sort();
    expect(await ids({ status: "resolved" })).toEqual([resolved]);
    expect(await ids({ status: "waiting" })).toEqual([waiting]);
    expect(await ids({ status: "assigned" })).toEqual([mine]);
    expect(await ids({ priority: "urgent" })).toEqual([urgent]);
    expect(await ids({ mine: true })).toEqual([mine]);
    expect(await ids({ mine: true }, ws.sam)).toEqual([waiting]);
    expect(await ids({ unassigned: true })).toEqual([urgent, elsewhere, breached].sort());
    expect(await ids({ widgetId: ws.otherWidgetId })).toEqual([elsewhere]);
  });

  it("counts each tab for the whole workspace", async () => {
    expect((await list(ws, ws.alex, { status: "resolved" })).counts).toEqual({ unresolved: 5, open: 3, assigned: 1, waiting: 1, resolved: 1, mine: 1, unassigned: 3 });
  });

  it("reads filters from the URL and falls back to defaults for nonsense", () => {
    expect(queueFiltersFrom(new URLSearchParams("status=waiting&priority=high&mine=1&page=3"))).toEqual({
      status: "waiting",
      priority: "high",
      mine: true,
      unassigned: false,
      widgetId: undefined,
      page: 3,
    });
    expect(queueFiltersFrom(new URLSearchParams("status=deleted&priority=x&widget=1%20or%201=1&page=-4"))).toEqual({
      status: "unresolved",
      priority: undefined,
      mine: false,
      unassigned: false,
      widgetId: undefined,
      page: 1,
    });
  });

  it("pages by 50", async () => {
    const big = await workspace("Busy");
    for (let i = 0; i < 52; i++) await escalate(big, { customer: `Customer${i}` });
    const first = await list(big, big.alex);
    const second = await list(big, big.alex, { page: 2 });
    expect(first.rows).toHaveLength(50);
    expect(first.hasNextPage).toBe(true);
    expect(second.rows).toHaveLength(2);
    expect(second.hasNextPage).toBe(false);
    expect(new Set([...first.rows, ...second.rows].map((row) => row.id)).size).toBe(52);
  });
});

describe("claiming", () => {
  it("lets exactly one of two agents claiming at once win; the other hears who has it", async () => {
    const ws = await workspace("Race");
    const { escalationId } = await escalate(ws);
    const results = await Promise.allSettled([claimEscalation({ actor: ws.alex, escalationId }), claimEscalation({ actor: ws.sam, escalationId })]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const escalation = await loadEscalation(ws, escalationId);
    const winner = escalation.assignee?.id === ws.alex.id ? "Alex" : "Sam";
    expect(lost[0].reason).toBeInstanceOf(InboxError);
    expect(lost[0].reason).toMatchObject({ code: "conflict", status: 409, message: `Already claimed by ${winner}.` });
    expect(escalation).toMatchObject({ status: "assigned" });
    expect(escalation.assignedAt).toBeInstanceOf(Date);
  });

  it("queues escalation.assigned, audits, and tells the customer's widget who took it", async () => {
    const ws = await workspace("Claim");
    const { escalationId, conversationId } = await escalate(ws);
    await claimEscalation({ actor: ws.alex, escalationId });
    await claimEscalation({ actor: ws.alex, escalationId });
    expect((await deliveries(ws)).map((delivery) => [delivery.event, delivery.payload])).toContainEqual([
      "escalation.assigned",
      { escalationId, conversationId, status: "assigned", priority: "normal", assigneeId: ws.alex.id },
    ]);
    const audit = await withTenant(ws.tenantId, (em) => em.find(AuditLog, { action: "escalation.claimed", targetId: escalationId }));
    expect(audit).toHaveLength(1);
    const handoff = (await liveEvents(ws, conversationId)).filter((event) => event.type === "handoff").at(-1);
    expect(handoff?.payload).toMatchObject({ handoff: { status: "assigned", agentName: "Alex" } });
  });

  it("refuses a resolved escalation", async () => {
    const ws = await workspace("Claim resolved");
    const { escalationId } = await escalate(ws);
    await resolveEscalation({ actor: ws.owner, escalationId });
    expect(await refusal(claimEscalation({ actor: ws.alex, escalationId }))).toMatchObject({ code: "conflict", message: "This conversation is resolved. Reopen it first." });
  });
});

describe("replying", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspace("Replies");
  });

  async function agentMessages(conversationId: string) {
    return withTenant(ws.tenantId, (em) => em.count(Message, { conversation: conversationId, role: "agent" }));
  }

  it.each([
    ["", "Write a reply first."],
    ["   \n ", "Write a reply first."],
    ["x".repeat(50_000), "A reply must be at most 10,000 characters."],
  ])("refuses %#: %s, storing nothing", async (content, message) => {
    const { escalationId, conversationId } = await escalate(ws);
    expect(await refusal(replyToCustomer({ actor: ws.alex, escalationId, content }))).toMatchObject({ code: "invalid", field: "content", message });
    expect(await agentMessages(conversationId)).toBe(0);
    expect((await loadEscalation(ws, escalationId)).assignee).toBeNull();
  });

  it("takes an unassigned escalation, records the first response, and reaches the widget with the agent's name", async () => {
    const { escalationId, conversationId } = await escalate(ws);
    const before = await withTenant(ws.tenantId, (em) => em.findOneOrFail(Conversation, { id: conversationId }));
    const { messageId } = await replyToCustomer({ actor: ws.alex, escalationId, content: `  ${"a".repeat(10_000)}  ` });
    const escalation = await loadEscalation(ws, escalationId);
    expect(escalation).toMatchObject({ status: "assigned", assignee: { id: ws.alex.id } });
    expect(escalation.firstResponseAt).toBeInstanceOf(Date);
    const conversation = await withTenant(ws.tenantId, (em) => em.findOneOrFail(Conversation, { id: conversationId }));
    expect(conversation.messageCount).toBe(before.messageCount + 1);
    expect(conversation.lastMessageAt).toBeInstanceOf(Date);
    const message = (await liveEvents(ws, conversationId)).find((event) => event.type === "message" && (event.payload.message as { id: string }).id === messageId);
    expect(message).toMatchObject({ audience: "visitor", payload: { message: { role: "agent", authorName: "Alex" } } });
    expect((message!.payload.message as { content: string }).content).toHaveLength(10_000);
  });

  it("keeps the escalation waiting only when the agent waits on the customer", async () => {
    const { escalationId } = await escalate(ws);
    await replyToCustomer({ actor: ws.alex, escalationId, content: "Which size?", waitOnCustomer: true });
    expect((await loadEscalation(ws, escalationId)).status).toBe("waiting");
    await replyToCustomer({ actor: ws.alex, escalationId, content: "Thanks, checking now." });
    expect((await loadEscalation(ws, escalationId)).status).toBe("assigned");
  });

  it("refuses a resolved escalation and one a colleague has", async () => {
    const { escalationId, conversationId } = await escalate(ws);
    await claimEscalation({ actor: ws.alex, escalationId });
    expect(await refusal(replyToCustomer({ actor: ws.sam, escalationId, content: "Hi!" }))).toMatchObject({
      code: "conflict",
      message: "Alex has this conversation; ask them or reassign it.",
    });
    expect(await refusal(replyToCustomer({ actor: ws.owner, escalationId, content: "Hi!" }))).toMatchObject({ code: "conflict" });
    await resolveEscalation({ actor: ws.alex, escalationId });
    expect(await refusal(replyToCustomer({ actor: ws.alex, escalationId, content: "One more thing" }))).toMatchObject({
      code: "conflict",
      message: "This conversation is resolved. Reopen it first.",
    });
    expect(await agentMessages(conversationId)).toBe(0);
  });
});

describe("internal notes", () => {
  it("are in the agents' transcript, flagged, and never among what the customer sees", async () => {
    const ws = await workspace("Notes");
    const { escalationId, conversationId } = await escalate(ws);
    await claimEscalation({ actor: ws.alex, escalationId });
    await addInternalNote({ actor: ws.sam, escalationId, content: "VIP customer, refund without asking" });
    await replyToCustomer({ actor: ws.alex, escalationId, content: "Refund on its way." });
    const visible = await withTenant(ws.tenantId, (em) => visibleMessages(em, conversationId));
    expect(visible.map((message) => message.content)).toContain("Refund on its way.");
    expect(visible.map((message) => message.content)).not.toContain("VIP customer, refund without asking");
    const detail = await escalationDetail({ tenantId: ws.tenantId, escalationId });
    expect(detail!.transcript.find((entry) => entry.role === "note")).toMatchObject({ internal: true, authorName: "Sam", content: "VIP customer, refund without asking" });
    const noteEvents = (await liveEvents(ws, conversationId)).filter((event) => event.type === "note");
    expect(noteEvents).toHaveLength(1);
    expect(noteEvents[0].audience).toBe("agents");
  });
});

describe("resolving and reopening", () => {
  it("resolve tells the customer, asks for a rating, queues the webhook and writes live events", async () => {
    const ws = await workspace("Resolve");
    const { escalationId, conversationId } = await escalate(ws);
    await claimEscalation({ actor: ws.alex, escalationId });
    await resolveEscalation({ actor: ws.alex, escalationId });

    const escalation = await loadEscalation(ws, escalationId);
    expect(escalation.status).toBe("resolved");
    expect(escalation.resolvedAt).toBeInstanceOf(Date);
    expect((await withTenant(ws.tenantId, (em) => em.findOneOrFail(Conversation, { id: conversationId }))).status).toBe("resolved");

    const resolvedDelivery = (await deliveries(ws)).find((delivery) => delivery.event === "escalation.resolved");
    expect(resolvedDelivery).toMatchObject({ status: "pending", payload: { escalationId, conversationId, status: "resolved", assigneeId: ws.alex.id } });

    const events = await liveEvents(ws, conversationId);
    expect(events).toContainEqual(expect.objectContaining({ audience: "agents", type: "escalation", payload: expect.objectContaining({ change: "resolved", status: "resolved" }) }));
    expect(events).toContainEqual(
      expect.objectContaining({ audience: "visitor", type: "message", payload: { message: expect.objectContaining({ role: "system", content: RESOLVED_NOTICE }) } }),
    );
    expect(events.at(-1)).toMatchObject({ audience: "visitor", type: "handoff", payload: { handoff: { status: "resolved", ratingRequested: true }, conversationStatus: "resolved" } });
    expect(await refusal(resolveEscalation({ actor: ws.alex, escalationId }))).toMatchObject({ code: "conflict", message: "This conversation is already resolved." });
  });

  it("reopen puts it back with its agent, and the conversation back in the handover", async () => {
    const ws = await workspace("Reopen");
    const { escalationId, conversationId } = await escalate(ws);
    await claimEscalation({ actor: ws.alex, escalationId });
    await resolveEscalation({ actor: ws.alex, escalationId });
    await reopenEscalation({ actor: ws.sam, escalationId });
    expect(await loadEscalation(ws, escalationId)).toMatchObject({ status: "assigned", resolvedAt: null, assignee: { id: ws.alex.id } });
    expect((await withTenant(ws.tenantId, (em) => em.findOneOrFail(Conversation, { id: conversationId }))).status).toBe("escalated");
    expect(await refusal(reopenEscalation({ actor: ws.sam, escalationId }))).toMatchObject({ code: "conflict", message: "This conversation is not resolved." });
  });

  it("reopen is refused when the customer was handed over again since", async () => {
    const ws = await workspace("Reopen conflict");
    const first = await escalate(ws);
    await resolveEscalation({ actor: ws.owner, escalationId: first.escalationId });
    const second = await withTenant(ws.tenantId, (em) =>
      openEscalation(em, { tenantId: ws.tenantId, conversationId: first.conversationId, endUserId: first.endUserId, trigger: "visitor_request", reason: "Again" }),
    );
    expect(second.created).toBe(true);
    expect(await refusal(reopenEscalation({ actor: ws.owner, escalationId: first.escalationId }))).toMatchObject({
      code: "conflict",
      message: "The customer was handed over again after this was resolved. Work on the newer escalation instead.",
    });
    expect((await loadEscalation(ws, first.escalationId)).status).toBe("resolved");
  });
});

describe("assigning", () => {
  let ws: Workspace;
  let other: Workspace;
  beforeAll(async () => {
    ws = await workspace("Assign");
    other = await workspace("Assign elsewhere");
  });

  it("lets an owner assign to an agent, with the webhook", async () => {
    const { escalationId } = await escalate(ws);
    await assignEscalation({ actor: ws.owner, escalationId, assigneeId: ws.sam.id });
    expect(await loadEscalation(ws, escalationId)).toMatchObject({ status: "assigned", assignee: { id: ws.sam.id } });
    expect((await deliveries(ws)).filter((delivery) => delivery.event === "escalation.assigned" && delivery.payload.escalationId === escalationId)).toHaveLength(1);
  });

  it("refuses a viewer and another workspace's user as assignee", async () => {
    const { escalationId } = await escalate(ws);
    expect(await refusal(assignEscalation({ actor: ws.owner, escalationId, assigneeId: ws.vera.id }))).toMatchObject({
      code: "invalid",
      field: "assigneeId",
      message: "Vera is a viewer and cannot take conversations. Choose an agent, admin or owner.",
    });
    expect(await refusal(assignEscalation({ actor: ws.owner, escalationId, assigneeId: other.alex.id }))).toMatchObject({
      code: "invalid",
      message: "Choose a teammate from this workspace.",
    });
    expect((await loadEscalation(ws, escalationId)).assignee).toBeNull();
  });

  it("lets an agent pass on their own escalation but not someone else's; unassign puts it back in the queue", async () => {
    const { escalationId } = await escalate(ws);
    expect(await refusal(assignEscalation({ actor: ws.alex, escalationId, assigneeId: ws.alex.id }))).toMatchObject({ code: "forbidden" });
    await claimEscalation({ actor: ws.alex, escalationId });
    await assignEscalation({ actor: ws.alex, escalationId, assigneeId: ws.sam.id });
    expect(await refusal(assignEscalation({ actor: ws.alex, escalationId, assigneeId: ws.alex.id }))).toMatchObject({ code: "forbidden", status: 403 });
    expect(await refusal(unassignEscalation({ actor: ws.alex, escalationId }))).toMatchObject({ code: "forbidden", message: "Only admins and owners can unassign Sam." });
    await unassignEscalation({ actor: ws.sam, escalationId });
    expect(await loadEscalation(ws, escalationId)).toMatchObject({ status: "open", assignee: null, assignedAt: null });
  });

  it("a priority change moves the deadline to the workspace's time for it, from the handover", async () => {
    const { escalationId } = await escalate(ws);
    await changePriority({ actor: ws.alex, escalationId, priority: "urgent" });
    const escalation = await loadEscalation(ws, escalationId);
    expect(escalation.priority).toBe("urgent");
    expect(escalation.slaDueAt!.getTime() - escalation.createdAt.getTime()).toBe(15 * 60_000);
  });
});

describe("roles and workspaces", () => {
  let ws: Workspace;
  let other: Workspace;
  beforeAll(async () => {
    ws = await workspace("Roles");
    other = await workspace("Intruder");
  });

  it("lets a viewer read the inbox but not act", async () => {
    const { escalationId } = await escalate(ws);
    expect((await list(ws, ws.vera)).rows.map((row) => row.id)).toContain(escalationId);
    expect(await escalationDetail({ tenantId: ws.tenantId, escalationId })).not.toBeNull();
    for (const attempt of [
      claimEscalation({ actor: ws.vera, escalationId }),
      replyToCustomer({ actor: ws.vera, escalationId, content: "Hello" }),
      addInternalNote({ actor: ws.vera, escalationId, content: "Hmm" }),
      markWaitingOnCustomer({ actor: ws.vera, escalationId }),
      resolveEscalation({ actor: ws.vera, escalationId }),
      changePriority({ actor: ws.vera, escalationId, priority: "high" }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: "forbidden", status: 403, message: expect.stringContaining("Viewers can read the inbox") });
    }
    expect(await loadEscalation(ws, escalationId)).toMatchObject({ status: "open", assignee: null });
  });

  it("keeps one workspace's escalations out of another's reach", async () => {
    const { escalationId } = await escalate(ws);
    expect((await list(other, other.owner)).rows).toEqual([]);
    expect((await list(other, other.owner)).counts.unresolved).toBe(0);
    expect(await escalationDetail({ tenantId: other.tenantId, escalationId })).toBeNull();
    for (const attempt of [
      claimEscalation({ actor: other.owner, escalationId }),
      replyToCustomer({ actor: other.owner, escalationId, content: "Hello" }),
      addInternalNote({ actor: other.owner, escalationId, content: "Hello" }),
      resolveEscalation({ actor: other.owner, escalationId }),
      assignEscalation({ actor: other.owner, escalationId, assigneeId: other.alex.id }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: "not_found", status: 404 });
    }
    // An actor naming another workspace as theirs is not a member there.
    expect(await refusal(claimEscalation({ actor: { ...other.owner, tenant: ws.owner.tenant }, escalationId }))).toMatchObject({ code: "forbidden" });
    await markRead({ tenantId: other.tenantId, userId: other.owner.id, escalationId });
    expect(await withTenant(ws.tenantId, (em) => em.execute(`select 1 from escalation_reads where escalation_id = ?`, [escalationId]))).toEqual([]);
    expect(await loadEscalation(ws, escalationId)).toMatchObject({ status: "open", assignee: null });
  });
});

describe("unread marks and presence", () => {
  it("counts the user's and unassigned escalations with activity since they last looked", async () => {
    const ws = await workspace("Unread");
    const count = (who: Actor) => unreadCount({ tenantId: ws.tenantId, userId: who.id });
    const first = await escalate(ws);
    const second = await escalate(ws);
    expect(await count(ws.alex)).toBe(2);

    await markRead({ tenantId: ws.tenantId, userId: ws.alex.id, escalationId: first.escalationId });
    expect(await count(ws.alex)).toBe(1);
    expect(await count(ws.sam)).toBe(2);

    // The customer writes again, as the chat turn records it.
    await withTenant(ws.tenantId, (em) => em.execute(`update escalations set last_activity_at = now() + interval '1 second' where id = ?`, [first.escalationId]));
    expect(await count(ws.alex)).toBe(2);

    // Once taken, an escalation counts for its agent only; their own reply does not make it unread for them.
    await claimEscalation({ actor: ws.sam, escalationId: second.escalationId });
    await replyToCustomer({ actor: ws.alex, escalationId: first.escalationId, content: "On it." });
    expect(await count(ws.alex)).toBe(0);
    expect(await count(ws.sam)).toBe(0);
    expect((await list(ws, ws.sam)).rows.find((row) => row.id === first.escalationId)?.unread).toBe(true);

    await withTenant(ws.tenantId, (em) => em.execute(`update escalations set last_activity_at = now() + interval '1 second' where id = ?`, [second.escalationId]));
    expect(await count(ws.sam)).toBe(1);
    await resolveEscalation({ actor: ws.sam, escalationId: second.escalationId });
    expect(await count(ws.sam)).toBe(0);
  });

  it("records presence at most once a minute", async () => {
    const ws = await workspace("Presence");
    const lastSeen = () => withTenant(ws.tenantId, async (em) => (await em.findOneOrFail(User, { id: ws.alex.id })).lastSeenAt);
    expect(await lastSeen()).toBeNull();
    await touchPresence({ tenantId: ws.tenantId, userId: ws.alex.id });
    const first = await lastSeen();
    expect(first).toBeInstanceOf(Date);
    await touchPresence({ tenantId: ws.tenantId, userId: ws.alex.id });
    expect(await lastSeen()).toEqual(first);
  });
});

describe("the conversation view", () => {
  it("has the transcript with citations and authors, the customer, their other conversations and the rating", async () => {
    const ws = await workspace("Detail");
    const earlier = await escalate(ws, { customer: "Gus", message: "First question" });
    await resolveEscalation({ actor: ws.owner, escalationId: earlier.escalationId });
    const current = await escalate(ws, { message: "Second question", endUserId: earlier.endUserId });
    await withTenant(ws.tenantId, async (em) => {
      em.create(Message, {
        tenant: ws.tenantId,
        conversation: current.conversationId,
        role: "assistant",
        content: "We ship in 2 days [1].",
        citations: [{ index: 1, chunkId: randomUUID(), documentId: randomUUID(), title: "Shipping", url: "https://shop.example/shipping" }],
      });
      em.create(SurveyResponse, { tenant: ws.tenantId, conversation: earlier.conversationId, endUser: earlier.endUserId, escalation: earlier.escalationId, rating: 4, comment: "Quick" });
    });
    await replyToCustomer({ actor: ws.alex, escalationId: current.escalationId, content: "Anything else?" });

    const detail = (await escalationDetail({ tenantId: ws.tenantId, escalationId: current.escalationId }))!;
    expect(detail.escalation).toMatchObject({ status: "assigned", assignee: { id: ws.alex.id, name: "Alex" }, trigger: "visitor_request" });
    expect(detail.conversation.widgetName).toBe("Shop");
    expect(detail.transcript.map((entry) => [entry.role, entry.authorName])).toEqual([
      ["visitor", null],
      ["system", null],
      ["assistant", null],
      ["agent", "Alex"],
    ]);
    expect(detail.transcript[2].citations).toEqual([expect.objectContaining({ index: 1, title: "Shipping", url: "https://shop.example/shipping" })]);
    expect(detail.endUser).toMatchObject({ name: "Gus", email: "gus@example.test", identityVerified: false });
    expect(detail.otherConversations).toEqual([expect.objectContaining({ id: earlier.conversationId, status: "resolved" })]);
    expect(detail.rating).toBeNull();

    const rated = (await escalationDetail({ tenantId: ws.tenantId, escalationId: earlier.escalationId }))!;
    expect(rated.rating).toMatchObject({ rating: 4, comment: "Quick" });
  });
});

describe("canned replies", () => {
  it("keeps titles unique per workspace, whatever the case, and checks the text", async () => {
    const ws = await workspace("Canned");
    const other = await workspace("Canned elsewhere");
    const { id } = await createCannedReply({ actor: ws.owner, reply: { title: "Refund policy", content: "Refunds take 5 days." } });
    await createCannedReply({ actor: other.owner, reply: { title: "Refund policy", content: "Elsewhere." } });
    for (const title of ["Refund policy", "refund POLICY"]) {
      expect(await refusal(createCannedReply({ actor: ws.owner, reply: { title, content: "Again" } }))).toMatchObject({
        code: "conflict",
        field: "title",
        message: `There is already a canned reply called "${title}". Choose another title.`,
      });
    }
    const second = await createCannedReply({ actor: ws.owner, reply: { title: "Greeting", content: "Hi!" } });
    expect(await refusal(updateCannedReply({ actor: ws.owner, cannedReplyId: second.id, reply: { title: "Refund policy", content: "Hi!" } }))).toMatchObject({ code: "conflict" });
    await updateCannedReply({ actor: ws.owner, cannedReplyId: id, reply: { title: "Refund policy", content: "Refunds take 3 days." } });

    expect(await refusal(createCannedReply({ actor: ws.owner, reply: { title: "Long", content: "x".repeat(5_001) } }))).toMatchObject({
      field: "content",
      message: "A canned reply must be at most 5,000 characters.",
    });
    expect(await refusal(createCannedReply({ actor: ws.owner, reply: { title: " ", content: "x" } }))).toMatchObject({ field: "title" });
    expect(await refusal(createCannedReply({ actor: ws.alex, reply: { title: "Mine", content: "x" } }))).toMatchObject({ code: "forbidden" });
    expect(await listCannedReplies({ tenantId: ws.tenantId })).toEqual([
      expect.objectContaining({ title: "Greeting", content: "Hi!" }),
      expect.objectContaining({ title: "Refund policy", content: "Refunds take 3 days." }),
    ]);
  });
});
