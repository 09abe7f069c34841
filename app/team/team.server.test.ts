import { beforeAll, describe, expect, it } from "vitest";
import { AuditLog, Invitation, User } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import type { UserRole } from "../auth/roles";
import { verifyPassword } from "../auth/password.server";
import { UserFacingError } from "../utils/errors";
import { acceptInvitation, changeRole, createInvitation, describeInvitation, getMember, listTeam, removeMember, revokeInvitation } from "./team.server";

useTestDatabase();

type Actor = { id: string; role: UserRole; tenant: { id: string; name: string; slug: string } };
let owner: Actor;
let otherTenant: Awaited<ReturnType<typeof createTestTenant>>;

function actorFor(tenantId: string, id: string, role: UserRole): Actor {
  return { id, role, tenant: { id: tenantId, name: "", slug: "" } };
}

async function addMember(role: UserRole, tenantId = owner.tenant.id) {
  return withTenant(tenantId, async (em) => {
    const user = em.create(User, { tenant: tenantId, email: `${role}-${crypto.randomUUID().slice(0, 6)}@acme.test`, name: role, passwordHash: "x", role });
    await em.flush();
    return actorFor(tenantId, user.id, role);
  });
}

async function refusal(promise: Promise<unknown>) {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (error instanceof Response) return { status: error.status, message: await error.text() };
  if (!(error instanceof UserFacingError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return { status: error.status, message: error.message };
}

beforeAll(async () => {
  const tenant = await createTestTenant("Acme");
  owner = actorFor(tenant.tenantId, tenant.ownerId, "owner");
  otherTenant = await createTestTenant("Globex");
});

describe("invitations", () => {
  it("turns a one-time link into a member with the invited role", async () => {
    const { token } = await createInvitation({ actor: owner, email: "new.agent@acme.test", role: "agent" });
    expect(await describeInvitation({ token })).toEqual({ email: "new.agent@acme.test", role: "agent", organisation: "Acme" });

    const accepted = await acceptInvitation({ token, name: "New Agent", password: "a-long-enough-password" });
    expect(accepted.tenantId).toBe(owner.tenant.id);
    const member = await withTenant(owner.tenant.id, (em) => em.findOneOrFail(User, { id: accepted.userId }, { populate: ["passwordHash"] }));
    expect(member.role).toBe("agent");
    expect(await verifyPassword("a-long-enough-password", member.passwordHash)).toBe(true);

    expect(await refusal(acceptInvitation({ token, name: "Again", password: "a-long-enough-password" }))).toMatchObject({ status: 410 });
  });

  it("stores only the token's hash, and audits the invitation by id", async () => {
    const { token } = await createInvitation({ actor: owner, email: "hash@acme.test", role: "viewer" });
    const stored = await withTenant(owner.tenant.id, (em) => em.findOneOrFail(Invitation, { email: "hash@acme.test" }));
    const audit = await withTenant(owner.tenant.id, (em) => em.findOneOrFail(AuditLog, { action: "invitation.created", targetId: stored.id }));
    expect(audit.details).toEqual({ email: "hash@acme.test", role: "viewer" });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses expired, revoked and made-up tokens", async () => {
    const { token: expired } = await createInvitation({ actor: owner, email: "late@acme.test", role: "agent" });
    await withTenant(owner.tenant.id, (em) => em.nativeUpdate(Invitation, { email: "late@acme.test" }, { expiresAt: new Date(Date.now() - 1) }));
    expect(await refusal(describeInvitation({ token: expired }))).toMatchObject({ status: 410 });

    const { token: revoked } = await createInvitation({ actor: owner, email: "revoked@acme.test", role: "agent" });
    const invitation = await withTenant(owner.tenant.id, (em) => em.findOneOrFail(Invitation, { email: "revoked@acme.test" }));
    await revokeInvitation({ actor: owner, invitationId: invitation.id });
    expect(await refusal(describeInvitation({ token: revoked }))).toMatchObject({ status: 410 });

    expect(await refusal(describeInvitation({ token: "made-up" }))).toMatchObject({ status: 410 });
  });

  it("refuses to invite an existing member or an email with an account elsewhere", async () => {
    const member = await addMember("agent");
    const email = (await getMember({ tenantId: owner.tenant.id, userId: member.id })).email;
    expect(await refusal(createInvitation({ actor: owner, email, role: "agent" }))).toMatchObject({ status: 409 });

    const { token } = await createInvitation({ actor: owner, email: otherTenant.email, role: "agent" });
    expect(await refusal(acceptInvitation({ token, name: "X", password: "a-long-enough-password" }))).toMatchObject({ status: 409 });
  });

  it("lets admins invite only agents and viewers", async () => {
    const admin = await addMember("admin");
    await expect(createInvitation({ actor: admin, email: "viewer@acme.test", role: "viewer" })).resolves.toHaveProperty("token");
    expect(await refusal(createInvitation({ actor: admin, email: "boss@acme.test", role: "owner" }))).toMatchObject({ status: 403 });
    expect(await refusal(createInvitation({ actor: admin, email: "boss@acme.test", role: "admin" }))).toMatchObject({ status: 403 });
  });

  it("an admin cannot replace an invitation only an owner could make", async () => {
    const { token } = await createInvitation({ actor: owner, email: "future.owner@acme.test", role: "owner" });
    const admin = await addMember("admin");
    expect(await refusal(createInvitation({ actor: admin, email: "future.owner@acme.test", role: "viewer" }))).toMatchObject({ status: 403 });
    expect(await describeInvitation({ token })).toMatchObject({ role: "owner" });
  });

  it("cannot revoke another tenant's invitation", async () => {
    await createInvitation({ actor: owner, email: "mine@acme.test", role: "agent" });
    const mine = await withTenant(owner.tenant.id, (em) => em.findOneOrFail(Invitation, { email: "mine@acme.test" }));
    const stranger = actorFor(otherTenant.tenantId, otherTenant.ownerId, "owner");
    expect(await refusal(revokeInvitation({ actor: stranger, invitationId: mine.id }))).toMatchObject({ status: 404 });
    expect(await withTenant(owner.tenant.id, (em) => em.count(Invitation, { id: mine.id }))).toBe(1);
  });
});

describe("roles and removal", () => {
  it("an owner changes a member's role", async () => {
    const member = await addMember("viewer");
    await changeRole({ actor: owner, userId: member.id, role: "admin" });
    expect((await getMember({ tenantId: owner.tenant.id, userId: member.id })).role).toBe("admin");
  });

  it("an admin cannot promote to admin or touch owners and admins", async () => {
    const admin = await addMember("admin");
    const agent = await addMember("agent");
    const otherAdmin = await addMember("admin");
    expect(await refusal(changeRole({ actor: admin, userId: agent.id, role: "admin" }))).toMatchObject({ status: 403 });
    expect(await refusal(changeRole({ actor: admin, userId: otherAdmin.id, role: "viewer" }))).toMatchObject({ status: 403 });
    expect(await refusal(removeMember({ actor: admin, userId: owner.id }))).toMatchObject({ status: 403 });
    await changeRole({ actor: admin, userId: agent.id, role: "viewer" });
  });

  it("nobody changes their own role or removes themselves", async () => {
    expect(await refusal(changeRole({ actor: owner, userId: owner.id, role: "viewer" }))).toMatchObject({ status: 403 });
    expect(await refusal(removeMember({ actor: owner, userId: owner.id }))).toMatchObject({ status: 403 });
  });

  it("an owner demotes a co-owner, and the last owner cannot demote themselves", async () => {
    const solo = await createTestTenant("Solo");
    const coOwner = await addMember("owner", solo.tenantId);
    await changeRole({ actor: coOwner, userId: solo.ownerId, role: "admin" });
    expect(await refusal(changeRole({ actor: coOwner, userId: coOwner.id, role: "admin" }))).toMatchObject({ status: 403 });
    const team = await listTeam({ tenantId: solo.tenantId });
    expect(team.members.filter((member) => member.role === "owner").map((member) => member.id)).toEqual([coOwner.id]);
  });

  it("removes a member", async () => {
    const member = await addMember("agent");
    await removeMember({ actor: owner, userId: member.id });
    expect(await refusal(getMember({ tenantId: owner.tenant.id, userId: member.id }))).toMatchObject({ status: 404 });
  });

  it("another tenant's member ids are not found, not changed", async () => {
    const foreign = await addMember("agent", otherTenant.tenantId);
    expect(await refusal(getMember({ tenantId: owner.tenant.id, userId: foreign.id }))).toMatchObject({ status: 404 });
    expect(await refusal(changeRole({ actor: owner, userId: foreign.id, role: "viewer" }))).toMatchObject({ status: 404 });
    expect(await refusal(removeMember({ actor: owner, userId: foreign.id }))).toMatchObject({ status: 404 });
    expect((await getMember({ tenantId: otherTenant.tenantId, userId: foreign.id })).role).toBe("agent");
  });
});
