import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../../db/tenant-scope";
import type { CONVERSATION_STATUSES } from "../../../db/entities/Conversation";
import type { LEAD_STATUSES } from "../../../db/entities/lead-statuses";
import { containsPattern } from "../../utils/contains-pattern";
import { notFound } from "../../utils/errors";
import { CUSTOMERS_PAGE_SIZE, type CustomerFilters, type CustomerSort } from "./customer-filters";

export interface CustomerSummary {
  id: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  identityVerified: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
  conversationCount: number;
  averageSentiment: number | null;
}

export interface CustomerPage {
  rows: CustomerSummary[];
  page: number;
  hasNextPage: boolean;
}

export interface CustomerConversation {
  id: string;
  startedAt: Date;
  status: (typeof CONVERSATION_STATUSES)[number];
  messageCount: number;
  sentiment: number | null;
  escalated: boolean;
  /** The inbox entry for it, when it was handed to the team. */
  escalationId: string | null;
  rating: number | null;
}

export interface CustomerLead {
  id: string;
  status: (typeof LEAD_STATUSES)[number];
  intent: string;
  createdAt: Date;
}

export interface CustomerProfile {
  customer: CustomerSummary;
  conversations: CustomerConversation[];
  leads: CustomerLead[];
}

/** A profile shows this many of the latest conversations; regulars can have hundreds. */
const PROFILE_CONVERSATIONS = 100;

const ORDER: Record<CustomerSort, string> = {
  last_seen: "last_seen_at desc, id",
  conversations: "conversation_count desc, last_seen_at desc, id",
  sentiment_low: "average_sentiment asc nulls last, last_seen_at desc, id",
  sentiment_high: "average_sentiment desc nulls last, last_seen_at desc, id",
};

const SUMMARY_COLUMNS = `id, name, email, external_id, identity_verified, first_seen_at, last_seen_at, conversation_count, average_sentiment`;

interface RawCustomer {
  id: string;
  name: string | null;
  email: string | null;
  external_id: string | null;
  identity_verified: boolean;
  first_seen_at: Date;
  last_seen_at: Date;
  conversation_count: number;
  average_sentiment: number | null;
}

function toSummary(row: RawCustomer): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    externalId: row.external_id,
    identityVerified: row.identity_verified,
    firstSeenAt: new Date(row.first_seen_at),
    lastSeenAt: new Date(row.last_seen_at),
    conversationCount: row.conversation_count,
    averageSentiment: row.average_sentiment === null ? null : Number(row.average_sentiment),
  };
}

/** One page of the workspace's customers, searched by name, email or external id. */
export async function listCustomers({ tenantId, filters }: { tenantId: string; filters: CustomerFilters }): Promise<CustomerPage> {
  const conditions = ["tenant_id = ?"];
  const params: unknown[] = [tenantId];
  if (filters.search) {
    conditions.push("(name ilike ? or email ilike ? or external_id ilike ?)");
    const pattern = containsPattern(filters.search);
    params.push(pattern, pattern, pattern);
  }
  const rows = await withTenant(tenantId, (em) =>
    em.execute<RawCustomer[]>(
      `select ${SUMMARY_COLUMNS} from end_users where ${conditions.join(" and ")} order by ${ORDER[filters.sort]} limit ? offset ?`,
      [...params, CUSTOMERS_PAGE_SIZE + 1, (filters.page - 1) * CUSTOMERS_PAGE_SIZE],
    ),
  );
  return { rows: rows.slice(0, CUSTOMERS_PAGE_SIZE).map(toSummary), page: filters.page, hasNextPage: rows.length > CUSTOMERS_PAGE_SIZE };
}

/** A customer with their latest conversations and their leads; another workspace's customer is a 404. */
export async function getCustomerProfile({ tenantId, endUserId }: { tenantId: string; endUserId: string }): Promise<CustomerProfile> {
  return withTenant(tenantId, async (em) => {
    const [customer] = await em.execute<RawCustomer[]>(`select ${SUMMARY_COLUMNS} from end_users where tenant_id = ? and id = ?`, [tenantId, endUserId]);
    if (!customer) notFound("That customer");
    return {
      customer: toSummary(customer),
      conversations: await customerConversations(em, tenantId, endUserId),
      leads: await customerLeads(em, tenantId, endUserId),
    };
  });
}

async function customerConversations(em: EntityManager, tenantId: string, endUserId: string): Promise<CustomerConversation[]> {
  const rows = await em.execute<
    { id: string; created_at: Date; status: (typeof CONVERSATION_STATUSES)[number]; message_count: number; sentiment: number | null; escalated: boolean; escalation_id: string | null; rating: number | null }[]
  >(
    `select c.id, c.created_at, c.status, c.message_count, c.sentiment, c.escalated,
            (select e.id from escalations e where e.conversation_id = c.id order by e.created_at desc limit 1) as escalation_id,
            (select r.rating from survey_responses r where r.conversation_id = c.id order by r.created_at desc limit 1) as rating
     from conversations c
     where c.tenant_id = ? and c.end_user_id = ?
     order by c.created_at desc, c.id
     limit ?`,
    [tenantId, endUserId, PROFILE_CONVERSATIONS],
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: new Date(row.created_at),
    status: row.status,
    messageCount: row.message_count,
    sentiment: row.sentiment === null ? null : Number(row.sentiment),
    escalated: row.escalated || row.escalation_id !== null,
    escalationId: row.escalation_id,
    rating: row.rating,
  }));
}

async function customerLeads(em: EntityManager, tenantId: string, endUserId: string): Promise<CustomerLead[]> {
  const rows = await em.execute<{ id: string; status: (typeof LEAD_STATUSES)[number]; intent: string; created_at: Date }[]>(
    `select id, status, intent, created_at from leads where tenant_id = ? and end_user_id = ? order by created_at desc, id`,
    [tenantId, endUserId],
  );
  return rows.map((row) => ({ id: row.id, status: row.status, intent: row.intent, createdAt: new Date(row.created_at) }));
}
