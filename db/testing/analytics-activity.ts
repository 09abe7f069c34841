import { randomUUID } from "node:crypto";
import { withTenant } from "../tenant-scope";

/**
 * Support activity written the way the app writes it: plain inserts and updates as tenant work,
 * so the analytics triggers run as app_tenant under row level security. Times are explicit so a
 * test can place each event on a known day.
 */

async function insert(tenantId: string, sql: string, params: unknown[]): Promise<string> {
  const id = randomUUID();
  await withTenant(tenantId, (em) => em.execute(sql, [id, tenantId, ...params]));
  return id;
}

export function addWidget(tenantId: string, name: string): Promise<string> {
  return insert(tenantId, `insert into widgets (id, tenant_id, name, public_id) values (?, ?, ?, ?)`, [name, `w_${randomUUID().slice(0, 12)}`]);
}

export function addEndUser(tenantId: string): Promise<string> {
  return insert(tenantId, `insert into end_users (id, tenant_id) values (?, ?)`, []);
}

export function startConversation(tenantId: string, { widgetId, endUserId, at }: { widgetId: string | null; endUserId: string | null; at: string }): Promise<string> {
  return insert(tenantId, `insert into conversations (id, tenant_id, widget_id, end_user_id, created_at) values (?, ?, ?, ?, ?)`, [widgetId, endUserId, at]);
}

export function addMessage(
  tenantId: string,
  { conversationId, role, at, outcome = null, feedback = null }: { conversationId: string; role: string; at: string; outcome?: string | null; feedback?: string | null },
): Promise<string> {
  return insert(tenantId, `insert into messages (id, tenant_id, conversation_id, role, content, outcome, feedback, created_at) values (?, ?, ?, ?, 'text', ?, ?, ?)`, [
    conversationId,
    role,
    outcome,
    feedback,
    at,
  ]);
}

/** The widget's helpful / not helpful buttons: a vote given, changed or taken back (null). */
export async function vote(tenantId: string, messageId: string, feedback: "helpful" | "not_helpful" | null): Promise<void> {
  await withTenant(tenantId, (em) => em.execute(`update messages set feedback = ? where id = ? and tenant_id = ?`, [feedback, messageId, tenantId]));
}

export function escalate(tenantId: string, { conversationId, at, firstResponseAt = null }: { conversationId: string; at: string; firstResponseAt?: string | null }): Promise<string> {
  return insert(
    tenantId,
    `insert into escalations (id, tenant_id, conversation_id, trigger, status, created_at, updated_at, first_response_at) values (?, ?, ?, 'visitor_request', 'resolved', ?, ?, ?)`,
    [conversationId, at, at, firstResponseAt],
  );
}

export function rate(tenantId: string, { conversationId, at, rating }: { conversationId: string; at: string; rating: number }): Promise<string> {
  return insert(tenantId, `insert into survey_responses (id, tenant_id, conversation_id, rating, created_at) values (?, ?, ?, ?, ?)`, [conversationId, rating, at]);
}

export function recordUsage(
  tenantId: string,
  usage: { at: string; service: "chat" | "embedding"; provider: string; model: string; inputTokens: number; outputTokens: number; costUsd: number },
): Promise<string> {
  return insert(
    tenantId,
    `insert into usage_events (id, tenant_id, service, provider, model, input_tokens, output_tokens, cost_usd, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [usage.service, usage.provider, usage.model, usage.inputTokens, usage.outputTokens, usage.costUsd, usage.at],
  );
}
