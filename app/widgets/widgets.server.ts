import { randomBytes, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AiPersonality, Widget } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { randomToken } from "../auth/tokens.server";
import type { WidgetConfig } from "../chat/widget-api";
import { notFound, UserFacingError } from "../utils/errors";
import { widgetConfig, type WidgetInput } from "./widget-settings";

type Actor = Pick<CurrentUser, "id" | "tenant">;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * `wgt_` and 20 base62 characters (119 bits) from the CSPRNG. Bytes of 248 and above are skipped
 * so that every character is equally likely (248 = 4 × 62).
 */
function newPublicId(): string {
  let id = "";
  while (id.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && id.length < 20) id += BASE62[byte % 62];
    }
  }
  return `wgt_${id}`;
}

function toWidgetView(widget: Widget) {
  const personality = widget.personality?.getEntity();
  return {
    id: widget.id,
    name: widget.name,
    publicId: widget.publicId,
    isActive: widget.isActive,
    personality: personality ? { id: personality.id, name: personality.name } : null,
    allowedOrigins: widget.allowedOrigins,
    /** As stored: a setting left empty is missing here and has its default in `config`. */
    settings: widget.settings,
    config: widgetConfig({ publicId: widget.publicId, name: widget.name, settings: widget.settings }),
    createdAt: widget.createdAt,
    updatedAt: widget.updatedAt,
  };
}

async function findWidget(em: EntityManager, tenantId: string, widgetId: string, { withSecret = false } = {}) {
  const widget = await em.findOne(Widget, { id: widgetId, tenant: tenantId }, { populate: withSecret ? ["personality", "identitySecret"] : ["personality"] });
  if (!widget) notFound("That widget");
  return widget;
}

/**
 * The foreign key would accept any tenant's personality (constraint checks bypass row level
 * security), so the tenant is checked here.
 */
async function assertOwnPersonality(em: EntityManager, tenantId: string, personalityId: string | null) {
  if (personalityId && !(await em.count(AiPersonality, { id: personalityId, tenant: tenantId }))) {
    throw new UserFacingError("Choose a personality from this workspace.", 400, "personalityId");
  }
}

function columnsOf({ name, personalityId, allowedOrigins, ...appearance }: WidgetInput) {
  return { name, personality: personalityId, allowedOrigins, settings: appearance };
}

export async function listWidgets({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const widgets = await em.find(Widget, { tenant: tenantId }, { populate: ["personality"], orderBy: { createdAt: "asc", id: "asc" } });
    return widgets.map(toWidgetView);
  });
}

export async function getWidget({ tenantId, widgetId }: { tenantId: string; widgetId: string }) {
  return withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId, { withSecret: true });
    return { ...toWidgetView(widget), hasIdentitySecret: widget.identitySecret != null };
  });
}

export async function createWidget({ actor, widget: input }: { actor: Actor; widget: WidgetInput }) {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    await assertOwnPersonality(em, tenantId, input.personalityId);
    // Set here, not at flush, because the audit entry refers to it.
    const widget = em.create(Widget, { id: randomUUID(), tenant: tenantId, publicId: newPublicId(), ...columnsOf(input) });
    recordAudit(em, { tenantId, actorId: actor.id, action: "widget.created", targetType: "widget", targetId: widget.id, details: { name: widget.name, publicId: widget.publicId } });
    return { id: widget.id, publicId: widget.publicId };
  });
}

export async function updateWidget({ actor, widgetId, widget: input }: { actor: Actor; widgetId: string; widget: WidgetInput }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId);
    await assertOwnPersonality(em, tenantId, input.personalityId);
    const before = { personalityId: widget.personality?.id ?? null, allowedOrigins: widget.allowedOrigins };
    em.assign(widget, columnsOf(input));
    recordAudit(em, {
      tenantId,
      actorId: actor.id,
      action: "widget.updated",
      targetType: "widget",
      targetId: widget.id,
      // Who may embed the widget and how it answers are the changes worth tracing.
      details: { personalityId: [before.personalityId, input.personalityId], allowedOrigins: [before.allowedOrigins, input.allowedOrigins] },
    });
  });
}

/** A disabled widget keeps its settings and embed code; the widget API refuses it until enabled. */
export async function setWidgetActive({ actor, widgetId, active }: { actor: Actor; widgetId: string; active: boolean }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId);
    if (widget.isActive === active) return;
    widget.isActive = active;
    recordAudit(em, { tenantId, actorId: actor.id, action: active ? "widget.enabled" : "widget.disabled", targetType: "widget", targetId: widget.id });
  });
}

/** Its conversations stay (their widget becomes empty); sites embedding it get "not found". */
export async function deleteWidget({ actor, widgetId }: { actor: Actor; widgetId: string }) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId);
    recordAudit(em, { tenantId, actorId: actor.id, action: "widget.deleted", targetType: "widget", targetId: widget.id, details: { name: widget.name, publicId: widget.publicId } });
    em.remove(widget);
  });
}

/**
 * Creates the identity-verification secret, or replaces it: hashes signed with the old one stop
 * verifying at once. Returned once here so the admin can copy it.
 */
export async function rotateIdentitySecret({ actor, widgetId }: { actor: Actor; widgetId: string }): Promise<{ secret: string }> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId, { withSecret: true });
    const replaced = widget.identitySecret != null;
    widget.identitySecret = randomToken();
    recordAudit(em, { tenantId, actorId: actor.id, action: replaced ? "widget.identity_secret_rotated" : "widget.identity_secret_created", targetType: "widget", targetId: widget.id });
    return { secret: widget.identitySecret };
  });
}

/** Shows the current secret on request; every reveal is audited. */
export async function revealIdentitySecret({ actor, widgetId }: { actor: Actor; widgetId: string }): Promise<{ secret: string | null }> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const widget = await findWidget(em, tenantId, widgetId, { withSecret: true });
    if (widget.identitySecret) {
      recordAudit(em, { tenantId, actorId: actor.id, action: "widget.identity_secret_revealed", targetType: "widget", targetId: widget.id });
    }
    return { secret: widget.identitySecret ?? null };
  });
}

export interface PublicWidget {
  id: string;
  tenantId: string;
  isActive: boolean;
  allowedOrigins: string[];
  /** null: the tenant default personality. */
  personalityId: string | null;
  /** null: identity verification is off. Never send it to a browser. */
  identitySecret: string | null;
  config: WidgetConfig;
}

/**
 * The widget a visitor's request names, for the widget API. The public id is all a visitor has,
 * so its tenant is found through the system role (which may read only id, tenant, public id and
 * status); the rest is read as that tenant. Null for an unknown id; a disabled widget is returned
 * with `isActive: false` so the caller can say so.
 */
export async function getWidgetByPublicId({ publicId }: { publicId: string }): Promise<PublicWidget | null> {
  if (publicId.length > 32) return null;
  const found = await withSystem((em) => em.findOne(Widget, { publicId }, { fields: ["id", "tenant", "publicId", "isActive"] }));
  if (!found) return null;
  const tenantId = found.tenant.id;
  return withTenant(tenantId, async (em) => {
    const widget = await em.findOne(Widget, { id: found.id, tenant: tenantId }, { populate: ["identitySecret"] });
    if (!widget) return null;
    return {
      id: widget.id,
      tenantId,
      isActive: widget.isActive,
      allowedOrigins: widget.allowedOrigins,
      personalityId: widget.personality?.id ?? null,
      identitySecret: widget.identitySecret ?? null,
      config: widgetConfig({ publicId: widget.publicId, name: widget.name, settings: widget.settings }),
    };
  });
}
