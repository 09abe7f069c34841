import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  AiPersonality, AnalyticsDaily, AnalyticsUsageDaily, ApiKey, AuditLog, AuthSession, BudgetAlert, CannedReply, Conversation, EndUser, Escalation, EscalationRead, IngestionJob,
  Invitation, KnowledgeChunk, KnowledgeDocument, KnowledgePosting, KnowledgeTerm, Lead, LiveEvent, Message, QuestionCluster, SurveyResponse, Tenant, UsageEvent, User,
  WebhookDelivery, WebhookEndpoint, Widget,
} from "../entities";
import { withSystem, withTenant } from "../tenant-scope";

/** A tenant with a (cheaply hashed) owner, created the way sign-up does: through app_system. */
export async function createTestTenant(name = "Test tenant"): Promise<{ tenantId: string; ownerId: string; email: string }> {
  const suffix = randomUUID().slice(0, 8);
  const email = `owner-${suffix}@example.test`;
  return withSystem(async (em) => {
    const tenant = em.create(Tenant, { name, slug: `test-${suffix}` });
    const owner = em.create(User, { tenant, email, name: `${name} owner`, passwordHash: "scrypt$unusable", role: "owner" });
    await em.flush();
    return { tenantId: tenant.id, ownerId: owner.id, email };
  });
}

/** One row in every tenant-scoped table, written as tenant work (so RLS insert checks pass). */
export async function createTenantGraph(tenantId: string, ownerId: string): Promise<void> {
  const suffix = randomUUID().slice(0, 8);
  await withTenant(tenantId, async (em: EntityManager) => {
    const personality = em.create(AiPersonality, { tenant: tenantId, name: "Default", isDefault: true });
    const widget = em.create(Widget, { tenant: tenantId, name: "Site", publicId: `w_${suffix}`, personality });
    const endUser = em.create(EndUser, { tenant: tenantId, externalId: `customer-${suffix}`, email: `customer-${suffix}@example.test` });
    const conversation = em.create(Conversation, { tenant: tenantId, widget, endUser, personality });
    em.create(Message, { tenant: tenantId, conversation, role: "visitor", content: "Where is my order?" });
    const document = em.create(KnowledgeDocument, { tenant: tenantId, title: "Shipping", sourceType: "text", content: "We ship in 2 days.", checksum: suffix.padEnd(64, "0") });
    const chunk = em.create(KnowledgeChunk, { tenant: tenantId, document, position: 0, content: "We ship in 2 days.", tokenCount: 6, embedding: [0.1, 0.2, 0.3], embeddingModel: "test-3d" });
    em.create(KnowledgePosting, { tenant: tenantId, chunk, lexeme: "ship", termFrequency: 1, chunkLength: 3 });
    em.create(KnowledgeTerm, { tenant: tenantId, lexeme: "ship", documentFrequency: 1 });
    em.create(IngestionJob, { tenant: tenantId, document, kind: "ingest" });
    const escalation = em.create(Escalation, { tenant: tenantId, conversation, endUser, trigger: "visitor_request", reason: "Asked for a human" });
    em.create(EscalationRead, { tenant: tenantId, user: ownerId, escalation });
    em.create(CannedReply, { tenant: tenantId, title: "Greeting", content: "Hi, I am looking into this now.", createdBy: ownerId });
    em.create(AnalyticsDaily, { tenant: tenantId, day: "2026-11-01", widgetId: widget.id, conversations: 1 });
    em.create(AnalyticsUsageDaily, { tenant: tenantId, day: "2026-11-01", service: "chat", provider: "offline", model: "extractive", calls: 1 });
    em.create(QuestionCluster, { tenant: tenantId, embeddingModel: "test-3d", centroid: [0.1, 0.2, 0.3], size: 1, representative: "Where is my order?" });
    em.create(LiveEvent, { tenant: tenantId, conversation, audience: "agents", type: "escalation", payload: { change: "created" } });
    em.create(SurveyResponse, { tenant: tenantId, conversation, endUser, rating: 5 });
    em.create(UsageEvent, { tenant: tenantId, conversation, service: "chat", provider: "offline", model: "extractive" });
    em.create(BudgetAlert, { tenant: tenantId, period: "2026-11", severity: "warning", thresholdPercent: 80, spendUsd: 8, limitUsd: 10 });
    em.create(Lead, { tenant: tenantId, conversation, endUser, email: `lead-${suffix}@example.test` });
    em.create(ApiKey, { tenant: tenantId, name: "CI", prefix: "hk_test", keyHash: `k${suffix}`.padEnd(64, "0"), createdBy: ownerId });
    em.create(AuditLog, { tenant: tenantId, actor: ownerId, action: "test.created" });
    em.create(Invitation, { tenant: tenantId, email: `invitee-${suffix}@example.test`, role: "agent", tokenHash: `i${suffix}`.padEnd(64, "0"), invitedBy: ownerId, expiresAt: new Date(Date.now() + 60_000) });
    em.create(AuthSession, { tenant: tenantId, user: ownerId, tokenHash: `s${suffix}`.padEnd(64, "0"), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    const endpoint = em.create(WebhookEndpoint, { tenant: tenantId, url: "https://hooks.example.test/helpdesk", secret: `h${suffix}`, events: ["escalation.created"] });
    em.create(WebhookDelivery, { tenant: tenantId, endpoint, event: "escalation.created", payload: { escalationId: randomUUID() } });
  });
}
