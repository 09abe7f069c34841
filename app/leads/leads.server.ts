import type { EntityManager } from "@mikro-orm/postgresql";
import { Lead } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { hasRole, type UserRole } from "../auth/roles";
import { containsPattern } from "../utils/contains-pattern";
import { notFound, UserFacingError } from "../utils/errors";
import { LEAD_STATUSES, LEADS_PAGE_SIZE, type LeadFilters, type LeadStatus } from "./lead-filters";

export interface LeadRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  intent: string;
  status: LeadStatus;
  notes: string;
  createdAt: Date;
  updatedAt: Date;
  endUserId: string | null;
  /** The customer record's name or email, when the lead has one. */
  customerLabel: string | null;
}

export type LeadCounts = Record<LeadStatus | "all", number>;

export interface LeadsPage {
  rows: LeadRow[];
  /** Per status, under the current date and search filters, so each tab shows what it holds. */
  counts: LeadCounts;
  page: number;
  hasNextPage: boolean;
}

/** An export beyond this is a job for the API, not a browser download. */
export const EXPORT_LIMIT = 10_000;

/** The timestamps as Dates, whatever the driver returned them as. */
function toRow(row: LeadRow): LeadRow {
  return { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

/** The date and search conditions, which the tab counts share with the list. */
function baseConditions(tenantId: string, filters: LeadFilters): { sql: string; params: unknown[] } {
  const conditions = ["l.tenant_id = ?"];
  const params: unknown[] = [tenantId];
  if (filters.from) {
    conditions.push("l.created_at >= ?::date");
    params.push(filters.from);
  }
  if (filters.to) {
    conditions.push("l.created_at < ?::date + 1");
    params.push(filters.to);
  }
  if (filters.search) {
    conditions.push("(l.name ilike ? or l.email ilike ? or l.phone ilike ? or l.intent ilike ?)");
    const pattern = containsPattern(filters.search);
    params.push(pattern, pattern, pattern, pattern);
  }
  return { sql: conditions.join(" and "), params };
}

async function selectLeads(em: EntityManager, tenantId: string, filters: LeadFilters, { limit, offset }: { limit: number; offset: number }): Promise<LeadRow[]> {
  const base = baseConditions(tenantId, filters);
  const statusCondition = filters.status ? " and l.status = ?" : "";
  const rows = await em.execute<LeadRow[]>(
    `select l.id, l.name, l.email, l.phone, l.intent, l.status, l.notes, l.created_at as "createdAt", l.updated_at as "updatedAt",
            l.end_user_id as "endUserId", coalesce(eu.name, eu.email, eu.external_id) as "customerLabel"
     from leads l left join end_users eu on eu.id = l.end_user_id
     where ${base.sql}${statusCondition}
     order by l.created_at desc, l.id
     limit ? offset ?`,
    [...base.params, ...(filters.status ? [filters.status] : []), limit, offset],
  );
  return rows.map(toRow);
}

async function countLeads(em: EntityManager, tenantId: string, filters: LeadFilters): Promise<LeadCounts> {
  const base = baseConditions(tenantId, filters);
  const rows = await em.execute<{ status: LeadStatus; count: number }[]>(`select l.status, count(*)::int as count from leads l where ${base.sql} group by l.status`, base.params);
  const counts = Object.fromEntries([...LEAD_STATUSES, "all"].map((status) => [status, 0])) as LeadCounts;
  for (const row of rows) {
    counts[row.status] = row.count;
    counts.all += row.count;
  }
  return counts;
}

/** One page of leads, newest first, with the count behind each status tab. */
export async function listLeads({ tenantId, filters }: { tenantId: string; filters: LeadFilters }): Promise<LeadsPage> {
  return withTenant(tenantId, async (em) => {
    const rows = await selectLeads(em, tenantId, filters, { limit: LEADS_PAGE_SIZE + 1, offset: (filters.page - 1) * LEADS_PAGE_SIZE });
    return {
      rows: rows.slice(0, LEADS_PAGE_SIZE),
      counts: await countLeads(em, tenantId, filters),
      page: filters.page,
      hasNextPage: rows.length > LEADS_PAGE_SIZE,
    };
  });
}

/** Every lead under the filters (all pages), for the CSV download; the download is audited. */
export async function leadsForExport({ actor, filters }: { actor: LeadActor; filters: LeadFilters }): Promise<LeadRow[]> {
  return withTenant(actor.tenant.id, async (em) => {
    const rows = await selectLeads(em, actor.tenant.id, filters, { limit: EXPORT_LIMIT, offset: 0 });
    recordAudit(em, { tenantId: actor.tenant.id, actorId: actor.id, action: "leads.exported", details: { count: rows.length, status: filters.status, from: filters.from, to: filters.to } });
    await em.flush();
    return rows;
  });
}

export interface LeadActor {
  id: string;
  role: UserRole;
  tenant: { id: string };
}

/**
 * An agent, admin or owner moves a lead along the pipeline and keeps notes on it. Viewers read
 * only; a lead of another workspace is not found.
 */
export async function updateLead({ actor, leadId, status, notes }: { actor: LeadActor; leadId: string; status: LeadStatus; notes: string }): Promise<void> {
  if (!hasRole(actor.role, "agent")) throw new UserFacingError("Your role can view leads but not change them.", 403);
  await withTenant(actor.tenant.id, async (em) => {
    const lead = await em.findOne(Lead, { id: leadId, tenant: actor.tenant.id });
    if (!lead) notFound("That lead");
    const previousStatus = lead.status;
    const notesChanged = lead.notes !== notes;
    if (previousStatus === status && !notesChanged) return;
    em.assign(lead, { status, notes });
    recordAudit(em, {
      tenantId: actor.tenant.id,
      actorId: actor.id,
      action: "lead.updated",
      targetType: "lead",
      targetId: lead.id,
      // The notes themselves may hold personal details; the audit log only says they changed.
      details: { from: previousStatus, to: status, notesChanged },
    });
    await em.flush();
  });
}
