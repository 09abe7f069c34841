import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AiPersonality, Widget } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { notFound, UserFacingError } from "../utils/errors";
import type { PersonalityInput, Provider, Tone } from "./personality-settings";

type Actor = Pick<CurrentUser, "id" | "tenant">;

function settingsOf(personality: AiPersonality): PersonalityInput {
  return {
    name: personality.name,
    description: personality.description,
    instructions: personality.instructions,
    tone: personality.tone as Tone,
    language: personality.language,
    temperature: personality.temperature,
    maxTokens: personality.maxTokens,
    provider: personality.provider as Provider,
    model: personality.model,
    knowledgeOnly: personality.knowledgeOnly,
    fallbackMessage: personality.fallbackMessage,
  };
}

function toPersonalityView(personality: AiPersonality) {
  return {
    id: personality.id,
    ...settingsOf(personality),
    isDefault: personality.isDefault,
    createdAt: personality.createdAt,
    updatedAt: personality.updatedAt,
  };
}

/** A widget answering with a personality: chosen for it, or following the tenant default. */
type WidgetUsage = { id: string; name: string; viaDefault: boolean };

function widgetsUsing(personality: AiPersonality, widgets: Pick<Widget, "id" | "name" | "personality">[]): WidgetUsage[] {
  return widgets
    .filter((widget) => (widget.personality ? widget.personality.id === personality.id : personality.isDefault))
    .map((widget) => ({ id: widget.id, name: widget.name, viaDefault: !widget.personality }));
}

async function findPersonality(em: EntityManager, tenantId: string, personalityId: string) {
  const personality = await em.findOne(AiPersonality, { id: personalityId, tenant: tenantId });
  if (!personality) notFound("That personality");
  return personality;
}

/**
 * Serialises changes to a tenant's default for the rest of the transaction. Without it, two
 * concurrent "make default" requests (or two first personalities) would both pass their checks
 * and one would fail on the one-default-per-tenant index.
 */
async function lockDefault(em: EntityManager, tenantId: string) {
  await em.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`ai_personalities.default:${tenantId}`]);
}

/**
 * The unique index is checked row by row, not at commit, so the old default is cleared by its own
 * statement before a new one is written.
 */
async function clearDefault(em: EntityManager, tenantId: string) {
  await em.nativeUpdate(AiPersonality, { tenant: tenantId, isDefault: true }, { isDefault: false });
}

export async function listPersonalities({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const personalities = await em.find(AiPersonality, { tenant: tenantId }, { orderBy: { createdAt: "asc", id: "asc" } });
    const widgets = await em.find(Widget, { tenant: tenantId }, { fields: ["id", "name", "personality"], orderBy: { name: "asc" } });
    return personalities.map((personality) => ({ ...toPersonalityView(personality), widgets: widgetsUsing(personality, widgets) }));
  });
}

export async function getPersonality({ tenantId, personalityId }: { tenantId: string; personalityId: string }) {
  return withTenant(tenantId, async (em) => {
    const personality = await findPersonality(em, tenantId, personalityId);
    const widgets = await em.find(
      Widget,
      personality.isDefault ? { tenant: tenantId, $or: [{ personality: personalityId }, { personality: null }] } : { tenant: tenantId, personality: personalityId },
      { fields: ["id", "name", "personality"], orderBy: { name: "asc" } },
    );
    return { ...toPersonalityView(personality), widgets: widgetsUsing(personality, widgets) };
  });
}

/** The tenant's first personality becomes its default whatever `makeDefault` says. */
export async function createPersonality({ actor, personality, makeDefault = false }: { actor: Actor; personality: PersonalityInput; makeDefault?: boolean }) {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    await lockDefault(em, tenantId);
    const isFirst = (await em.count(AiPersonality, { tenant: tenantId })) === 0;
    if (makeDefault) await clearDefault(em, tenantId);
    // Set here, not at flush, because the audit entry refers to it.
    const created = em.create(AiPersonality, { id: randomUUID(), tenant: tenantId, ...personality, isDefault: makeDefault || isFirst });
    recordAudit(em, { tenantId, actorId: actor.id, action: "personality.created", targetType: "ai_personality", targetId: created.id, details: { name: created.name, isDefault: created.isDefault } });
    return { id: created.id };
  });
}

export async function updatePersonality({
  actor,
  personalityId,
  personality,
  makeDefault = false,
}: {
  actor: Actor;
  personalityId: string;
  personality: PersonalityInput;
  /** Only ever turns the default on: a tenant keeps one, so it moves by making another the default. */
  makeDefault?: boolean;
}) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    if (makeDefault) await lockDefault(em, tenantId);
    const stored = await findPersonality(em, tenantId, personalityId);
    const changed = (Object.keys(personality) as (keyof PersonalityInput)[]).filter((key) => stored[key] !== personality[key]);
    em.assign(stored, personality);
    const becomesDefault = makeDefault && !stored.isDefault;
    if (becomesDefault) {
      await clearDefault(em, tenantId);
      stored.isDefault = true;
    }
    recordAudit(em, { tenantId, actorId: actor.id, action: "personality.updated", targetType: "ai_personality", targetId: stored.id, details: { changed, becameDefault: becomesDefault } });
  });
}

export async function makeDefaultPersonality({ actor, personalityId }: { actor: Actor; personalityId: string }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    await lockDefault(em, tenantId);
    const personality = await findPersonality(em, tenantId, personalityId);
    if (personality.isDefault) return;
    await clearDefault(em, tenantId);
    personality.isDefault = true;
    recordAudit(em, { tenantId, actorId: actor.id, action: "personality.default_changed", targetType: "ai_personality", targetId: personality.id, details: { name: personality.name } });
  });
}

/** A copy named "Copy of …" that is never the default. */
export async function duplicatePersonality({ actor, personalityId }: { actor: Actor; personalityId: string }) {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const original = await findPersonality(em, tenantId, personalityId);
    const name = `Copy of ${original.name}`.slice(0, 120);
    const copy = em.create(AiPersonality, { ...settingsOf(original), name, id: randomUUID(), tenant: tenantId, isDefault: false });
    recordAudit(em, { tenantId, actorId: actor.id, action: "personality.duplicated", targetType: "ai_personality", targetId: copy.id, details: { from: original.id, name: copy.name } });
    return { id: copy.id };
  });
}

/**
 * Widgets that used the personality fall back to the tenant default (the foreign key sets them
 * null). The default itself can only go when it is the last one, so a tenant never has
 * personalities without a default.
 */
export async function deletePersonality({ actor, personalityId }: { actor: Actor; personalityId: string }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    await lockDefault(em, tenantId);
    const personality = await findPersonality(em, tenantId, personalityId);
    if (personality.isDefault && (await em.count(AiPersonality, { tenant: tenantId })) > 1) {
      throw new UserFacingError("This is the workspace default. Make another personality the default before deleting this one.", 409);
    }
    const widgetCount = await em.count(Widget, { tenant: tenantId, personality: personalityId });
    recordAudit(em, { tenantId, actorId: actor.id, action: "personality.deleted", targetType: "ai_personality", targetId: personality.id, details: { name: personality.name, widgetsMovedToDefault: widgetCount } });
    em.remove(personality);
  });
}
