import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../db/tenant-scope";
import type { AnsweredQuestion } from "../analytics/answered-question.server";
import { detectLead, type DetectedLead } from "./lead-detection";

/** Enough of a conversation to find contact details and intent; longer chats are rare. */
const MAX_MESSAGES_READ = 200;

/**
 * Reads the conversation's visitor messages after each answered question: keeps an email the
 * visitor gave on their customer record (when it has none), and records or updates the
 * conversation's lead. Details given later fill in or replace earlier ones, never with blanks;
 * the status and notes an agent set are left alone.
 */
export async function recordLead({ tenantId, conversationId }: AnsweredQuestion): Promise<void> {
  await withTenant(tenantId, async (em) => {
    const [conversation] = await em.execute<{ end_user_id: string | null; email: string | null; name: string | null }[]>(
      `select c.end_user_id, eu.email, eu.name from conversations c left join end_users eu on eu.id = c.end_user_id where c.tenant_id = ? and c.id = ?`,
      [tenantId, conversationId],
    );
    if (!conversation) return;
    const messages = await em.execute<{ content: string }[]>(
      `select content from messages where tenant_id = ? and conversation_id = ? and role = 'visitor' order by created_at, id limit ?`,
      [tenantId, conversationId, MAX_MESSAGES_READ],
    );
    const { lead, emailGiven } = detectLead({ visitorMessages: messages.map((message) => message.content), known: conversation });
    if (emailGiven && conversation.end_user_id && !conversation.email) {
      await em.execute(`update end_users set email = ? where tenant_id = ? and id = ? and email is null`, [emailGiven, tenantId, conversation.end_user_id]);
    }
    if (lead) await upsertLead(em, { tenantId, conversationId, endUserId: conversation.end_user_id, lead });
  });
}

async function upsertLead(
  em: EntityManager,
  { tenantId, conversationId, endUserId, lead }: { tenantId: string; conversationId: string; endUserId: string | null; lead: DetectedLead },
): Promise<void> {
  await em.execute(
    `insert into leads (id, tenant_id, conversation_id, end_user_id, name, email, phone, intent)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (conversation_id) where conversation_id is not null do update set
       end_user_id = coalesce(excluded.end_user_id, leads.end_user_id),
       name = coalesce(excluded.name, leads.name),
       email = coalesce(excluded.email, leads.email),
       phone = coalesce(excluded.phone, leads.phone),
       intent = excluded.intent,
       updated_at = now()`,
    [randomUUID(), tenantId, conversationId, endUserId, lead.name, lead.email, lead.phone, lead.intent],
  );
}
