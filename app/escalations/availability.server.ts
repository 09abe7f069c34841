/**
 * Whether a person can pick a handed-over conversation up now, and what the visitor is told. The
 * team is available inside business hours (when the workspace keeps them) while at least one
 * member who answers conversations has the inbox open (their last_seen_at is refreshed meanwhile).
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import { Tenant } from "../../db/entities";
import type { WidgetAvailability } from "../chat/widget-api";
import { closedMessage, isWithinBusinessHours } from "./business-hours";
import { escalationSettings, type EscalationSettings } from "./escalation-settings";

/** An inbox refreshes last_seen_at well within this; longer without means the person has gone. */
export const ONLINE_WINDOW_MS = 5 * 60_000;

export const TEAM_ONLINE = "Someone from our team will reply here shortly.";
export const TEAM_OFFLINE = "Nobody from our team is online right now. We will reply here as soon as someone is back.";

async function teamPresence(em: EntityManager, tenantId: string, settings: EscalationSettings, now: Date): Promise<{ available: boolean; message: string }> {
  if (!isWithinBusinessHours(settings.businessHours, now)) return { available: false, message: closedMessage(settings.businessHours, now) };
  const [online] = await em.execute<{ exists: boolean }[]>(
    `select exists (
       select 1 from users where tenant_id = ? and role in ('owner', 'admin', 'agent') and last_seen_at > ?
     ) as exists`,
    [tenantId, new Date(now.getTime() - ONLINE_WINDOW_MS)],
  );
  return online.exists ? { available: true, message: TEAM_ONLINE } : { available: false, message: TEAM_OFFLINE };
}

export async function agentsAvailable(em: EntityManager, tenantId: string, settings: EscalationSettings, now: Date): Promise<boolean> {
  return (await teamPresence(em, tenantId, settings, now)).available;
}

/**
 * What the widget shows after a handover: who can reply, and whether to ask for an email so the
 * team can answer once the visitor has left (only when nobody is available and none is on file).
 */
export async function visitorAvailability(
  em: EntityManager,
  { tenantId, conversationId, now }: { tenantId: string; conversationId: string; now: Date },
): Promise<WidgetAvailability> {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const presence = await teamPresence(em, tenantId, escalationSettings(tenant.settings.escalation), now);
  if (presence.available) return { agentsAvailable: true, message: presence.message, askEmail: false };
  const [contact] = await em.execute<{ email: string | null }[]>(
    `select end_users.email from conversations left join end_users on end_users.id = conversations.end_user_id where conversations.id = ?`,
    [conversationId],
  );
  return { agentsAvailable: false, message: presence.message, askEmail: !contact?.email };
}
