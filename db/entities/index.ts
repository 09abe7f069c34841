import { AiPersonality, DEFAULT_FALLBACK_MESSAGE } from "./AiPersonality";
import { AnalyticsDaily } from "./AnalyticsDaily";
import { AnalyticsUsageDaily } from "./AnalyticsUsageDaily";
import { ApiKey } from "./ApiKey";
import { AuditLog } from "./AuditLog";
import { AuthSession } from "./AuthSession";
import { BudgetAlert } from "./BudgetAlert";
import { CannedReply } from "./CannedReply";
import { Conversation } from "./Conversation";
import { EndUser } from "./EndUser";
import { Escalation } from "./Escalation";
import { EscalationRead } from "./EscalationRead";
import { IngestionJob } from "./IngestionJob";
import { Invitation } from "./Invitation";
import { KnowledgeChunk } from "./KnowledgeChunk";
import { KnowledgeDocument } from "./KnowledgeDocument";
import { KnowledgePosting } from "./KnowledgePosting";
import { KnowledgeTerm } from "./KnowledgeTerm";
import { Lead } from "./Lead";
import { LiveEvent } from "./LiveEvent";
import { Message } from "./Message";
import { QuestionCluster } from "./QuestionCluster";
import { RateLimitBucket } from "./RateLimitBucket";
import { SurveyResponse } from "./SurveyResponse";
import { Tenant } from "./Tenant";
import { UsageEvent } from "./UsageEvent";
import { User } from "./User";
import { WebhookDelivery } from "./WebhookDelivery";
import { WebhookEndpoint, type WebhookEvent } from "./WebhookEndpoint";
import { Widget } from "./Widget";

export {
  AiPersonality, AnalyticsDaily, AnalyticsUsageDaily, ApiKey, AuditLog, AuthSession, BudgetAlert, CannedReply, Conversation, EndUser, Escalation, EscalationRead,
  IngestionJob, Invitation, KnowledgeChunk, KnowledgeDocument, KnowledgePosting, KnowledgeTerm, Lead, LiveEvent, Message, QuestionCluster, RateLimitBucket, SurveyResponse,
  Tenant, UsageEvent, User, WebhookDelivery, WebhookEndpoint, Widget, DEFAULT_FALLBACK_MESSAGE,
};
export type { WebhookEvent };
export type { Citation } from "./Message";

export const allEntities = [
  Tenant, User, AuthSession, Invitation, AiPersonality, Widget, EndUser, Conversation, Message,
  KnowledgeDocument, KnowledgeChunk, KnowledgePosting, KnowledgeTerm, IngestionJob, Escalation, SurveyResponse, UsageEvent, BudgetAlert, Lead,
  ApiKey, AuditLog, RateLimitBucket, WebhookEndpoint, WebhookDelivery, CannedReply, EscalationRead, LiveEvent,
  AnalyticsDaily, AnalyticsUsageDaily, QuestionCluster,
];
