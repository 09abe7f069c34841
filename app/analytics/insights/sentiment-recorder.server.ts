import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../../db/tenant-scope";
import type { AnsweredQuestion } from "../answered-question.server";
import { scoreSentiment } from "./sentiment-score.server";

/**
 * Scores the conversation's visitor messages that have no sentiment yet (the question just
 * answered, and any sent while a person handled the chat), then refreshes the conversation's mean
 * and its customer's average and conversation count.
 */
export async function recordSentiment({ tenantId, conversationId }: AnsweredQuestion): Promise<void> {
  await withTenant(tenantId, async (em) => {
    await scoreUnscoredMessages(em, tenantId, conversationId);
    await em.execute(
      `update conversations c set sentiment = (
         select avg(m.sentiment) from messages m
         where m.conversation_id = c.id and m.role = 'visitor' and m.sentiment is not null
       )
       where c.id = ? and c.tenant_id = ?`,
      [conversationId, tenantId],
    );
    await refreshCustomerTotals(em, tenantId, conversationId);
  });
}

async function scoreUnscoredMessages(em: EntityManager, tenantId: string, conversationId: string): Promise<void> {
  const unscored = await em.execute<{ id: string; content: string }[]>(
    `select id, content from messages where tenant_id = ? and conversation_id = ? and role = 'visitor' and sentiment is null`,
    [tenantId, conversationId],
  );
  for (const message of unscored) {
    await em.execute(`update messages set sentiment = ? where id = ?`, [scoreSentiment(message.content), message.id]);
  }
}

/** Recounted rather than incremented, so a retried or concurrent recording cannot drift them. */
async function refreshCustomerTotals(em: EntityManager, tenantId: string, conversationId: string): Promise<void> {
  await em.execute(
    `update end_users eu set
       average_sentiment = (select avg(c.sentiment) from conversations c where c.end_user_id = eu.id and c.sentiment is not null),
       conversation_count = (select count(*) from conversations c where c.end_user_id = eu.id)
     where eu.tenant_id = ? and eu.id = (select end_user_id from conversations where id = ? and tenant_id = ?)`,
    [tenantId, conversationId, tenantId],
  );
}
