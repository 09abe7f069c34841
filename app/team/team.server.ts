import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AuthSession, Invitation, Tenant, User } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { hashPassword } from "../auth/password.server";
import type { CurrentUser } from "../auth/require-user.server";
import { canAssignRole, type UserRole } from "../auth/roles";
import { hashToken, randomToken } from "../auth/tokens.server";
import { notFound, UserFacingError } from "../utils/errors";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

type Actor = Pick<CurrentUser, "id" | "role" | "tenant">;

function toMemberView(user: User) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role as UserRole,
    lastLoginAt: user.lastLoginAt ?? null,
    createdAt: user.createdAt,
  };
}

export async function listTeam({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const members = await em.find(User, { tenant: tenantId }, { orderBy: { createdAt: "asc" } });
    const invitations = await em.find(
      Invitation,
      { tenant: tenantId, acceptedAt: null, expiresAt: { $gt: new Date() } },
      { orderBy: { createdAt: "desc" } },
    );
    return {
      members: members.map(toMemberView),
      invitations: invitations.map(({ id, email, role, expiresAt }) => ({ id, email, role: role as UserRole, expiresAt })),
    };
  });
}

export async function getMember({ tenantId, userId }: { tenantId: string; userId: string }) {
  return withTenant(tenantId, async (em) => {
    const user = await em.findOne(User, { id: userId, tenant: tenantId });
    if (!user) notFound("That team member");
    return toMemberView(user);
  });
}

/** Returns the one-time token; the link is shown to the inviter, since we send no mail. */
export async function createInvitation({ actor, email, role }: { actor: Actor; email: string; role: UserRole }) {
  if (!canAssignRole(actor.role, role)) {
    throw new UserFacingError(`Your role cannot invite someone as ${role}.`, 403, "role");
  }
  const tenantId = actor.tenant.id;
  const token = randomToken();
  await withTenant(tenantId, async (em) => {
    if (await em.count(User, { tenant: tenantId, email })) {
      throw new UserFacingError("This person is already on the team.", 409, "email");
    }
    // A new invitation replaces an open one for the same email, unless the actor could not have made that one.
    const open = await em.find(Invitation, { tenant: tenantId, email, acceptedAt: null });
    if (open.some((invitation) => !canAssignRole(actor.role, invitation.role))) {
      throw new UserFacingError("This email has an open invitation that only an owner can change.", 403, "email");
    }
    open.forEach((invitation) => em.remove(invitation));
    const invitation = em.create(Invitation, {
      // Set here, not at flush, because the audit entry below refers to it.
      id: randomUUID(),
      tenant: tenantId,
      email,
      role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
    });
    recordAudit(em, { tenantId, actorId: actor.id, action: "invitation.created", targetType: "invitation", targetId: invitation.id, details: { email, role } });
  });
  return { token };
}

export async function revokeInvitation({ actor, invitationId }: { actor: Actor; invitationId: string }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const invitation = await em.findOne(Invitation, { id: invitationId, tenant: tenantId, acceptedAt: null });
    if (!invitation) notFound("That invitation");
    if (!canAssignRole(actor.role, invitation.role)) throw new UserFacingError("Your role cannot revoke this invitation.", 403);
    em.remove(invitation);
    recordAudit(em, { tenantId, actorId: actor.id, action: "invitation.revoked", targetType: "invitation", targetId: invitation.id, details: { email: invitation.email } });
  });
}

async function findOpenInvitation(em: EntityManager, token: string) {
  const invitation = await em.findOne(Invitation, { tokenHash: hashToken(token) }, { populate: ["tenant"] });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
    throw new UserFacingError("This invitation link is invalid, used or expired. Ask for a new one.", 410);
  }
  return invitation;
}

/** What the invite page shows before the invitee chooses a password. */
export async function describeInvitation({ token }: { token: string }) {
  return withSystem(async (em) => {
    const invitation = await findOpenInvitation(em, token);
    const tenant = invitation.tenant.getEntity() as Tenant;
    return { email: invitation.email, role: invitation.role, organisation: tenant.name };
  });
}

export async function acceptInvitation({ token, name, password }: { token: string; name: string; password: string }) {
  const passwordHash = await hashPassword(password);
  try {
    const accepted = await withSystem(async (em) => {
      const invitation = await findOpenInvitation(em, token);
      if (await em.count(User, { email: invitation.email })) {
        throw new UserFacingError("This email already has an account. Log in with it instead.", 409);
      }
      const user = em.create(User, {
        tenant: invitation.tenant,
        email: invitation.email,
        name,
        passwordHash,
        role: invitation.role,
      });
      invitation.acceptedAt = new Date();
      await em.flush();
      return { userId: user.id, tenantId: invitation.tenant.id, invitationId: invitation.id };
    });
    await withTenant(accepted.tenantId, async (em) => {
      recordAudit(em, { tenantId: accepted.tenantId, actorId: accepted.userId, action: "invitation.accepted", targetType: "invitation", targetId: accepted.invitationId });
    });
    return accepted;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new UserFacingError("This email already has an account. Log in with it instead.", 409);
    }
    throw error;
  }
}

/**
 * Loads a teammate the actor may manage. Only owners manage owners and nobody manages themselves,
 * so a workspace always keeps at least one owner: the actor.
 */
async function manageableMember(em: EntityManager, actor: Actor, userId: string) {
  const tenantId = actor.tenant.id;
  const member = await em.findOne(User, { id: userId, tenant: tenantId });
  if (!member) notFound("That team member");
  if (member.id === actor.id) throw new UserFacingError("You cannot change your own role or remove yourself.", 403);
  if (!canAssignRole(actor.role, member.role)) throw new UserFacingError(`Your role cannot manage ${member.role}s.`, 403);
  return member;
}

export async function changeRole({ actor, userId, role }: { actor: Actor; userId: string; role: UserRole }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const member = await manageableMember(em, actor, userId);
    if (!canAssignRole(actor.role, role)) throw new UserFacingError(`Your role cannot make someone ${role}.`, 403, "role");
    recordAudit(em, { tenantId, actorId: actor.id, action: "member.role_changed", targetType: "user", targetId: member.id, details: { from: member.role, to: role } });
    member.role = role;
  });
}

export async function removeMember({ actor, userId }: { actor: Actor; userId: string }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const member = await manageableMember(em, actor, userId);
    await em.nativeDelete(AuthSession, { user: member.id, tenant: tenantId });
    recordAudit(em, { tenantId, actorId: actor.id, action: "member.removed", targetType: "user", targetId: member.id, details: { email: member.email } });
    em.remove(member);
  });
}
