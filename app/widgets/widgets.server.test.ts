import { beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, AuditLog, Conversation, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { UserFacingError } from "../utils/errors";
import { parseForm } from "../utils/forms";
import { WIDGET_DEFAULTS, WidgetSchema, type WidgetInput } from "./widget-settings";
import {
  createWidget,
  deleteWidget,
  getWidget,
  getWidgetByPublicId,
  listWidgets,
  revealIdentitySecret,
  rotateIdentitySecret,
  setWidgetActive,
  updateWidget,
} from "./widgets.server";

useTestDatabase();

type Actor = { id: string; tenant: { id: string; name: string; slug: string } };

async function newWorkspace(name: string): Promise<Actor> {
  const tenant = await createTestTenant(name);
  return { id: tenant.ownerId, tenant: { id: tenant.tenantId, name, slug: "" } };
}

function settings(overrides: Partial<WidgetInput> = {}): WidgetInput {
  return {
    name: "Help centre",
    personalityId: null,
    allowedOrigins: ["https://shop.example.com"],
    greeting: "Hello!",
    launcherLabel: "Help",
    theme: "dark",
    brandColor: "#112233",
    position: "bottom-left",
    suggestedQuestions: ["Where is my order?"],
    ...overrides,
  };
}

async function addPersonality(actor: Actor, name: string) {
  return withTenant(actor.tenant.id, async (em) => {
    const personality = em.create(AiPersonality, { tenant: actor.tenant.id, name });
    await em.flush();
    return personality.id;
  });
}

async function refusal(promise: Promise<unknown>) {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (error instanceof Response) return { status: error.status, message: await error.text() };
  if (!(error instanceof UserFacingError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return { status: error.status, message: error.message, field: error.field };
}

async function auditActions(actor: Actor, targetId: string) {
  const entries = await withTenant(actor.tenant.id, (em) => em.find(AuditLog, { targetId }, { orderBy: { createdAt: "asc", id: "asc" } }));
  return entries.map((entry) => entry.action);
}

let acme: Actor;
let globex: Actor;

beforeAll(async () => {
  acme = await newWorkspace("Acme");
  globex = await newWorkspace("Globex");
});

describe("widgets", () => {
  it("creates a widget with a public id and stores its settings", async () => {
    const personalityId = await addPersonality(acme, "Sales");
    const { id, publicId } = await createWidget({ actor: acme, widget: settings({ personalityId }) });
    expect(publicId).toMatch(/^wgt_[0-9A-Za-z]{20}$/);

    const widget = await getWidget({ tenantId: acme.tenant.id, widgetId: id });
    expect(widget).toMatchObject({
      name: "Help centre",
      publicId,
      isActive: true,
      personality: { id: personalityId, name: "Sales" },
      allowedOrigins: ["https://shop.example.com"],
      hasIdentitySecret: false,
      config: {
        publicId,
        name: "Help centre",
        greeting: "Hello!",
        launcherLabel: "Help",
        theme: "dark",
        brandColor: "#112233",
        position: "bottom-left",
        suggestedQuestions: ["Where is my order?"],
      },
    });
    expect(await auditActions(acme, id)).toEqual(["widget.created"]);
  });

  it("gives every widget its own unguessable public id", async () => {
    const actor = await newWorkspace("Many widgets");
    const created = await Promise.all(Array.from({ length: 25 }, () => createWidget({ actor, widget: settings() })));
    const ids = created.map((widget) => widget.publicId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const publicId of ids) expect(publicId).toMatch(/^wgt_[0-9A-Za-z]{20}$/);
    // 25 × 20 characters from a 62-letter alphabet: a biased or constant generator would show here.
    expect(new Set(ids.join("").replaceAll("wgt_", "")).size).toBeGreaterThan(50);
  });

  it("updates settings, falls back to defaults for empty ones, and lists widgets", async () => {
    const actor = await newWorkspace("Editing");
    const { id, publicId } = await createWidget({ actor, widget: settings() });
    await updateWidget({ actor, widgetId: id, widget: settings({ name: "Shop", greeting: "", launcherLabel: "", allowedOrigins: [], suggestedQuestions: [] }) });

    const [listed] = await listWidgets({ tenantId: actor.tenant.id });
    expect(listed).toMatchObject({ id, name: "Shop", personality: null, allowedOrigins: [] });
    expect(listed.config).toEqual({ ...WIDGET_DEFAULTS, publicId, name: "Shop", theme: "dark", brandColor: "#112233", position: "bottom-left" });
    const audit = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(AuditLog, { action: "widget.updated", targetId: id }));
    expect(audit.details).toEqual({ personalityId: [null, null], allowedOrigins: [["https://shop.example.com"], []] });
  });

  it("refuses a personality of another workspace", async () => {
    const foreignPersonality = await addPersonality(globex, "Globex voice");
    expect(await refusal(createWidget({ actor: acme, widget: settings({ personalityId: foreignPersonality }) }))).toMatchObject({ status: 400, field: "personalityId" });
    const { id } = await createWidget({ actor: acme, widget: settings() });
    expect(await refusal(updateWidget({ actor: acme, widgetId: id, widget: settings({ personalityId: foreignPersonality }) }))).toMatchObject({ status: 400, field: "personalityId" });
  });

  it("disables, enables and deletes a widget, keeping its conversations", async () => {
    const { id, publicId } = await createWidget({ actor: acme, widget: settings() });
    await setWidgetActive({ actor: acme, widgetId: id, active: false });
    expect((await getWidget({ tenantId: acme.tenant.id, widgetId: id })).isActive).toBe(false);
    expect(await getWidgetByPublicId({ publicId })).toMatchObject({ isActive: false });
    await setWidgetActive({ actor: acme, widgetId: id, active: true });
    expect((await getWidget({ tenantId: acme.tenant.id, widgetId: id })).isActive).toBe(true);

    const conversationId = await withTenant(acme.tenant.id, async (em) => {
      const conversation = em.create(Conversation, { tenant: acme.tenant.id, widget: id });
      await em.flush();
      return conversation.id;
    });
    await deleteWidget({ actor: acme, widgetId: id });
    expect(await refusal(getWidget({ tenantId: acme.tenant.id, widgetId: id }))).toMatchObject({ status: 404 });
    expect(await getWidgetByPublicId({ publicId })).toBeNull();
    const conversation = await withTenant(acme.tenant.id, (em) => em.findOneOrFail(Conversation, { id: conversationId }));
    expect(conversation.widget).toBeNull();
    expect(await auditActions(acme, id)).toEqual(["widget.created", "widget.disabled", "widget.enabled", "widget.deleted"]);
  });
});

describe("identity verification secret", () => {
  it("is created on demand, rotated to a new value, revealed on request, and never in the views", async () => {
    const { id, publicId } = await createWidget({ actor: acme, widget: settings() });
    expect(await revealIdentitySecret({ actor: acme, widgetId: id })).toEqual({ secret: null });

    const { secret: first } = await rotateIdentitySecret({ actor: acme, widgetId: id });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(await revealIdentitySecret({ actor: acme, widgetId: id })).toEqual({ secret: first });

    const { secret: second } = await rotateIdentitySecret({ actor: acme, widgetId: id });
    expect(second).not.toBe(first);
    expect(await getWidgetByPublicId({ publicId })).toMatchObject({ identitySecret: second });

    const view = await getWidget({ tenantId: acme.tenant.id, widgetId: id });
    expect(view.hasIdentitySecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain(second);
    expect(JSON.stringify(await listWidgets({ tenantId: acme.tenant.id }))).not.toContain(second);
    expect(await auditActions(acme, id)).toEqual([
      "widget.created",
      "widget.identity_secret_created",
      "widget.identity_secret_revealed",
      "widget.identity_secret_rotated",
    ]);
  });
});

describe("getWidgetByPublicId", () => {
  it("finds a widget's tenant, origins, personality and config from its public id alone", async () => {
    const personalityId = await addPersonality(acme, "Support");
    const { id, publicId } = await createWidget({ actor: acme, widget: settings({ personalityId }) });
    expect(await getWidgetByPublicId({ publicId })).toEqual({
      id,
      tenantId: acme.tenant.id,
      isActive: true,
      allowedOrigins: ["https://shop.example.com"],
      personalityId,
      identitySecret: null,
      config: expect.objectContaining({ publicId, greeting: "Hello!" }),
    });
  });

  it("is null for unknown and oversized ids", async () => {
    expect(await getWidgetByPublicId({ publicId: "wgt_00000000000000000000" })).toBeNull();
    expect(await getWidgetByPublicId({ publicId: "x".repeat(5000) })).toBeNull();
  });
});

describe("tenant isolation", () => {
  it("another tenant cannot read, change, disable, delete or take the secret of a widget by id", async () => {
    const { id } = await createWidget({ actor: acme, widget: settings({ name: "Acme site" }) });
    await rotateIdentitySecret({ actor: acme, widgetId: id });

    for (const attempt of [
      getWidget({ tenantId: globex.tenant.id, widgetId: id }),
      updateWidget({ actor: globex, widgetId: id, widget: settings({ name: "Hijacked", allowedOrigins: ["https://evil.example"] }) }),
      setWidgetActive({ actor: globex, widgetId: id, active: false }),
      rotateIdentitySecret({ actor: globex, widgetId: id }),
      revealIdentitySecret({ actor: globex, widgetId: id }),
      deleteWidget({ actor: globex, widgetId: id }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ status: 404 });
    }
    expect((await listWidgets({ tenantId: globex.tenant.id })).map((widget) => widget.name)).not.toContain("Acme site");
    expect(await getWidget({ tenantId: acme.tenant.id, widgetId: id })).toMatchObject({ name: "Acme site", isActive: true, allowedOrigins: ["https://shop.example.com"] });
  });
});

describe("the widget form", () => {
  function form(fields: Record<string, string>) {
    const data = new FormData();
    for (const [key, value] of Object.entries({
      name: "Help centre",
      personalityId: "",
      allowedOrigins: "",
      greeting: "",
      launcherLabel: "",
      theme: "auto",
      brandColor: "#4F46E5",
      position: "bottom-right",
      suggestedQuestions: "",
      ...fields,
    })) {
      data.set(key, value);
    }
    return data;
  }

  it("reads one domain or question per line, canonical and without duplicates", () => {
    const parsed = parseForm(
      WidgetSchema,
      form({ allowedOrigins: "shop.example.com\r\n\r\n https://SHOP.example.com:443 \n*.example.org", suggestedQuestions: " Where is my order? \n\nHow do I return?" }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      data: {
        personalityId: null,
        allowedOrigins: ["https://shop.example.com", "https://*.example.org"],
        suggestedQuestions: ["Where is my order?", "How do I return?"],
        brandColor: "#4f46e5",
      },
    });
  });

  it("names the bad domain line and each bad field", () => {
    const parsed = parseForm(
      WidgetSchema,
      form({
        allowedOrigins: "shop.example.com\nhttps://evil.example.com/path",
        suggestedQuestions: Array.from({ length: 7 }, (_, index) => `Question ${index}?`).join("\n"),
        launcherLabel: "x".repeat(41),
        greeting: "x".repeat(501),
        brandColor: "blue",
        theme: "neon",
        personalityId: "not-a-uuid",
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toMatchObject({
      allowedOrigins: [expect.stringMatching(/^"https:\/\/evil\.example\.com\/path": remove the path/)],
      suggestedQuestions: ["Suggest at most 6 questions."],
      launcherLabel: ["The button label must be at most 40 characters."],
      greeting: ["The greeting must be at most 500 characters."],
      brandColor: ["Use a colour like #4f46e5."],
      theme: ["Choose a theme."],
      personalityId: ["Choose a personality."],
    });
  });

  it("limits each suggested question's length", () => {
    const parsed = parseForm(WidgetSchema, form({ suggestedQuestions: "x".repeat(121) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.suggestedQuestions).toEqual(["Each question must be at most 120 characters."]);
  });
});
