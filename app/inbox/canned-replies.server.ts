import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CannedReply, User } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { hasRole } from "../auth/roles";
import type { Actor } from "./acting-agent.server";
import { InboxError } from "./inbox-error";
import { CannedReplySchema, type CannedReplyInput } from "./inbox-rules";

/** Every canned reply of the workspace, by title, for the reply box and the management page. */
export async function listCannedReplies({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const replies = await em.find(CannedReply, { tenant: tenantId }, { orderBy: { title: "asc", id: "asc" } });
    return replies.map(({ id, title, content, updatedAt }) => ({ id, title, content, updatedAt }));
  });
}

function validInput(input: CannedReplyInput): CannedReplyInput {
  const parsed = CannedReplySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new InboxError("invalid", issue.message, String(issue.path[0] ?? ""));
}

async function requireEditor(em: EntityManager, actor: Actor): Promise<void> {
  const user = await em.findOne(User, { id: actor.id, tenant: actor.tenant.id });
  if (!user || !hasRole(user.role, "admin")) throw new InboxError("forbidden", "Only admins and owners can change canned replies.");
}

function duplicateTitle(title: string): InboxError {
  return new InboxError("conflict", `There is already a canned reply called "${title}". Choose another title.`, "title");
}

/** Titles differing only in case would be the same entry in the picker, so they count as taken too. */
async function refuseTakenTitle(em: EntityManager, tenantId: string, title: string, exceptId?: string): Promise<void> {
  const [taken] = await em.execute<{ id: string }[]>(
    `select id from canned_replies where tenant_id = ? and lower(title) = lower(?) and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000') limit 1`,
    [tenantId, title, exceptId ?? null],
  );
  if (taken) throw duplicateTitle(title);
}

/** Runs a change whose commit may still hit the unique title (a teammate saved the same title meanwhile). */
async function savingTitle<T>(title: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateTitle(title);
    throw error;
  }
}

export async function createCannedReply({ actor, reply }: { actor: Actor; reply: CannedReplyInput }): Promise<{ id: string }> {
  const { title, content } = validInput(reply);
  const tenantId = actor.tenant.id;
  return savingTitle(title, () =>
    withTenant(tenantId, async (em) => {
      await requireEditor(em, actor);
      await refuseTakenTitle(em, tenantId, title);
      // Set here, not at flush, because the audit entry refers to it.
      const created = em.create(CannedReply, { id: randomUUID(), tenant: tenantId, title, content, createdBy: actor.id });
      recordAudit(em, { tenantId, actorId: actor.id, action: "canned_reply.created", targetType: "canned_reply", targetId: created.id, details: { title } });
      return { id: created.id };
    }),
  );
}

export async function updateCannedReply({ actor, cannedReplyId, reply }: { actor: Actor; cannedReplyId: string; reply: CannedReplyInput }): Promise<void> {
  const { title, content } = validInput(reply);
  const tenantId = actor.tenant.id;
  await savingTitle(title, () =>
    withTenant(tenantId, async (em) => {
      await requireEditor(em, actor);
      const existing = await findCannedReply(em, tenantId, cannedReplyId);
      await refuseTakenTitle(em, tenantId, title, existing.id);
      em.assign(existing, { title, content });
      recordAudit(em, { tenantId, actorId: actor.id, action: "canned_reply.updated", targetType: "canned_reply", targetId: existing.id, details: { title } });
    }),
  );
}

export async function deleteCannedReply({ actor, cannedReplyId }: { actor: Actor; cannedReplyId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    await requireEditor(em, actor);
    const existing = await findCannedReply(em, tenantId, cannedReplyId);
    recordAudit(em, { tenantId, actorId: actor.id, action: "canned_reply.deleted", targetType: "canned_reply", targetId: existing.id, details: { title: existing.title } });
    em.remove(existing);
  });
}

async function findCannedReply(em: EntityManager, tenantId: string, id: string): Promise<CannedReply> {
  const reply = await em.findOne(CannedReply, { id, tenant: tenantId });
  if (!reply) throw new InboxError("not_found", "That canned reply was not found; someone may have deleted it.");
  return reply;
}
