import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Escalation, User } from "../../db/entities";
import type { CurrentUser } from "../auth/require-user.server";
import { hasRole } from "../auth/roles";
import { escalationNotFound, InboxError } from "./inbox-error";

export type Actor = Pick<CurrentUser, "id" | "tenant">;

export const VIEWER_REFUSAL = "Viewers can read the inbox but not answer or change conversations. Ask an admin for the agent role.";

/**
 * The user acting, read in this transaction: their role as it is now, not as it was at login,
 * decides. Viewers may not act on conversations.
 */
export async function actingAgent(em: EntityManager, actor: Actor): Promise<User> {
  const user = await em.findOne(User, { id: actor.id, tenant: actor.tenant.id });
  if (!user) throw new InboxError("forbidden", "Your account is not part of this workspace any more.");
  if (!hasRole(user.role, "agent")) throw new InboxError("forbidden", VIEWER_REFUSAL);
  return user;
}

/** The escalation, locked until the transaction ends, so two agents' changes to it run one after the other. */
export async function lockEscalation(em: EntityManager, tenantId: string, escalationId: string): Promise<Escalation> {
  const escalation = await em.findOne(Escalation, { id: escalationId, tenant: tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!escalation) throw escalationNotFound();
  return escalation;
}

export function refuseIfResolved(escalation: Escalation): void {
  if (escalation.status === "resolved") throw new InboxError("conflict", "This conversation is resolved. Reopen it first.");
}

export async function assigneeName(escalation: Escalation): Promise<string> {
  return (await escalation.assignee?.load())?.name ?? "Someone else";
}

/** Only the agent who has the conversation works on it; `adminsMay` lets admins and owners step in. */
export async function refuseIfSomeoneElses(escalation: Escalation, user: User, { adminsMay }: { adminsMay: boolean }): Promise<void> {
  if (!escalation.assignee || escalation.assignee.id === user.id) return;
  if (adminsMay && hasRole(user.role, "admin")) return;
  throw new InboxError("conflict", `${await assigneeName(escalation)} has this conversation; ask them or reassign it.`);
}

/**
 * The acting agent and the escalation they work on: locked, unresolved, and unassigned or theirs
 * (`adminsMay` lets admins and owners work on someone else's).
 */
export async function workableEscalation(em: EntityManager, actor: Actor, escalationId: string, { adminsMay }: { adminsMay: boolean }): Promise<{ user: User; escalation: Escalation }> {
  const user = await actingAgent(em, actor);
  const escalation = await lockEscalation(em, actor.tenant.id, escalationId);
  refuseIfResolved(escalation);
  await refuseIfSomeoneElses(escalation, user, { adminsMay });
  return { user, escalation };
}
