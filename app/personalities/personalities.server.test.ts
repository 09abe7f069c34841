import { beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, AuditLog, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { UserFacingError } from "../utils/errors";
import { parseForm } from "../utils/forms";
import {
  createPersonality,
  deletePersonality,
  duplicatePersonality,
  getPersonality,
  listPersonalities,
  makeDefaultPersonality,
  updatePersonality,
} from "./personalities.server";
import { PersonalitySchema, type PersonalityInput } from "./personality-settings";

useTestDatabase();

type Actor = { id: string; tenant: { id: string; name: string; slug: string } };

async function newWorkspace(name: string): Promise<Actor> {
  const tenant = await createTestTenant(name);
  return { id: tenant.ownerId, tenant: { id: tenant.tenantId, name, slug: "" } };
}

function settings(overrides: Partial<PersonalityInput> = {}): PersonalityInput {
  return {
    name: "Support",
    description: "",
    instructions: "Answer briefly.",
    tone: "friendly",
    language: "en",
    temperature: 0.2,
    maxTokens: 512,
    provider: "offline",
    model: "extractive",
    knowledgeOnly: true,
    fallbackMessage: "I don't know that yet.",
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>) {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (error instanceof Response) return { status: error.status, message: await error.text() };
  if (!(error instanceof UserFacingError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return { status: error.status, message: error.message };
}

async function defaults(tenantId: string) {
  return withTenant(tenantId, (em) => em.find(AiPersonality, { tenant: tenantId, isDefault: true }));
}

async function addWidget(actor: Actor, personalityId: string | null) {
  return withTenant(actor.tenant.id, async (em) => {
    const widget = em.create(Widget, { tenant: actor.tenant.id, name: "Site", publicId: `wgt_test${crypto.randomUUID().slice(0, 12)}`, personality: personalityId });
    await em.flush();
    return widget.id;
  });
}

let acme: Actor;
let globex: Actor;

beforeAll(async () => {
  acme = await newWorkspace("Acme");
  globex = await newWorkspace("Globex");
});

describe("creating and editing", () => {
  it("makes the first personality the default, and later ones only when asked", async () => {
    const actor = await newWorkspace("Fresh");
    const first = await createPersonality({ actor, personality: settings({ name: "First" }) });
    const second = await createPersonality({ actor, personality: settings({ name: "Second" }) });
    expect((await getPersonality({ tenantId: actor.tenant.id, personalityId: first.id })).isDefault).toBe(true);
    expect((await getPersonality({ tenantId: actor.tenant.id, personalityId: second.id })).isDefault).toBe(false);

    const third = await createPersonality({ actor, personality: settings({ name: "Third" }), makeDefault: true });
    expect((await defaults(actor.tenant.id)).map((personality) => personality.id)).toEqual([third.id]);
  });

  it("stores every setting, updates them and audits what changed", async () => {
    const actor = await newWorkspace("Settings");
    const { id } = await createPersonality({ actor, personality: settings() });
    const changed = settings({
      name: "Sales",
      tone: "professional",
      language: "fr-CA",
      temperature: 1.5,
      maxTokens: 4096,
      provider: "openai-compatible",
      model: "gpt-4o-mini",
      knowledgeOnly: false,
    });
    await updatePersonality({ actor, personalityId: id, personality: changed });
    expect(await getPersonality({ tenantId: actor.tenant.id, personalityId: id })).toMatchObject({ ...changed, isDefault: true });

    const audit = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(AuditLog, { action: "personality.updated", targetId: id }));
    expect((audit.details.changed as string[]).sort()).toEqual(["knowledgeOnly", "language", "maxTokens", "model", "name", "provider", "temperature", "tone"]);
  });

  it("lists personalities with the widgets that use each, including those on the default", async () => {
    const actor = await newWorkspace("Listing");
    const main = await createPersonality({ actor, personality: settings({ name: "Main" }) });
    const sales = await createPersonality({ actor, personality: settings({ name: "Sales" }) });
    const salesWidget = await addWidget(actor, sales.id);
    const defaultWidget = await addWidget(actor, null);

    const listed = await listPersonalities({ tenantId: actor.tenant.id });
    expect(listed.map((personality) => [personality.name, personality.isDefault])).toEqual([["Main", true], ["Sales", false]]);
    expect(listed[0].widgets).toEqual([{ id: defaultWidget, name: "Site", viaDefault: true }]);
    expect(listed[1].widgets).toEqual([{ id: salesWidget, name: "Site", viaDefault: false }]);
    expect((await getPersonality({ tenantId: actor.tenant.id, personalityId: main.id })).widgets).toEqual(listed[0].widgets);
  });
});

describe("the default", () => {
  it("moves when another personality is made the default, leaving exactly one", async () => {
    const actor = await newWorkspace("Switching");
    const a = await createPersonality({ actor, personality: settings({ name: "A" }) });
    const b = await createPersonality({ actor, personality: settings({ name: "B" }) });
    await makeDefaultPersonality({ actor, personalityId: b.id });
    expect((await defaults(actor.tenant.id)).map((personality) => personality.id)).toEqual([b.id]);

    await updatePersonality({ actor, personalityId: a.id, personality: settings({ name: "A" }), makeDefault: true });
    expect((await defaults(actor.tenant.id)).map((personality) => personality.id)).toEqual([a.id]);

    // Not ticking "default" on the current default does not take it away.
    await updatePersonality({ actor, personalityId: a.id, personality: settings({ name: "A2" }), makeDefault: false });
    expect((await defaults(actor.tenant.id)).map((personality) => personality.id)).toEqual([a.id]);
  });

  it("leaves exactly one default after concurrent switches", async () => {
    const actor = await newWorkspace("Racing");
    const ids = await Promise.all(["A", "B", "C"].map(async (name) => (await createPersonality({ actor, personality: settings({ name }) })).id));
    await Promise.all([...ids, ...ids].map((personalityId) => makeDefaultPersonality({ actor, personalityId })));
    expect(await defaults(actor.tenant.id)).toHaveLength(1);
  });

  it("cannot be deleted while other personalities exist, but the last one can", async () => {
    const actor = await newWorkspace("Deleting");
    const main = await createPersonality({ actor, personality: settings({ name: "Main" }) });
    const other = await createPersonality({ actor, personality: settings({ name: "Other" }) });
    expect(await refusal(deletePersonality({ actor, personalityId: main.id }))).toMatchObject({ status: 409, message: expect.stringContaining("Make another personality the default") });

    await deletePersonality({ actor, personalityId: other.id });
    await deletePersonality({ actor, personalityId: main.id });
    expect(await listPersonalities({ tenantId: actor.tenant.id })).toEqual([]);
  });
});

describe("duplicating and deleting", () => {
  it("duplicates as a non-default copy named Copy of …", async () => {
    const actor = await newWorkspace("Copying");
    const original = await createPersonality({ actor, personality: settings({ name: "X".repeat(120), instructions: "Be kind." }) });
    const copy = await duplicatePersonality({ actor, personalityId: original.id });
    const stored = await getPersonality({ tenantId: actor.tenant.id, personalityId: copy.id });
    expect(stored).toMatchObject({ instructions: "Be kind.", isDefault: false });
    expect(stored.name).toBe(`Copy of ${"X".repeat(112)}`);
  });

  it("moves widgets of a deleted personality to the tenant default", async () => {
    const actor = await newWorkspace("Fallback");
    const main = await createPersonality({ actor, personality: settings({ name: "Main" }) });
    const sales = await createPersonality({ actor, personality: settings({ name: "Sales" }) });
    const widgetId = await addWidget(actor, sales.id);

    await deletePersonality({ actor, personalityId: sales.id });
    const widget = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(Widget, { id: widgetId }));
    expect(widget.personality).toBeNull();
    expect((await getPersonality({ tenantId: actor.tenant.id, personalityId: main.id })).widgets).toEqual([{ id: widgetId, name: "Site", viaDefault: true }]);
    const audit = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(AuditLog, { action: "personality.deleted", targetId: sales.id }));
    expect(audit.details).toEqual({ name: "Sales", widgetsMovedToDefault: 1 });
  });
});

describe("tenant isolation", () => {
  it("another tenant cannot read, change, copy, default or delete a personality by id", async () => {
    const { id } = await createPersonality({ actor: acme, personality: settings({ name: "Acme secret sauce" }) });
    await createPersonality({ actor: globex, personality: settings({ name: "Globex" }) });

    for (const attempt of [
      getPersonality({ tenantId: globex.tenant.id, personalityId: id }),
      updatePersonality({ actor: globex, personalityId: id, personality: settings({ name: "Hijacked" }) }),
      makeDefaultPersonality({ actor: globex, personalityId: id }),
      duplicatePersonality({ actor: globex, personalityId: id }),
      deletePersonality({ actor: globex, personalityId: id }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ status: 404 });
    }
    expect((await listPersonalities({ tenantId: globex.tenant.id })).map((personality) => personality.name)).toEqual(["Globex"]);
    expect(await getPersonality({ tenantId: acme.tenant.id, personalityId: id })).toMatchObject({ name: "Acme secret sauce", isDefault: true });
  });
});

describe("the personality form", () => {
  function form(fields: Record<string, string>) {
    const data = new FormData();
    for (const [key, value] of Object.entries({
      name: "Support",
      description: "",
      instructions: "",
      tone: "friendly",
      language: "en",
      temperature: "0.2",
      maxTokens: "512",
      provider: "offline",
      model: "",
      fallbackMessage: "Sorry, I don't know.",
      ...fields,
    })) {
      data.set(key, value);
    }
    return data;
  }

  it("fixes the offline model, canonicalises the language and reads checkboxes", () => {
    const parsed = parseForm(PersonalitySchema, form({ model: "gpt-4o", language: "fr-ca", knowledgeOnly: "on" }));
    expect(parsed).toMatchObject({ ok: true, data: { makeDefault: false, personality: { model: "extractive", language: "fr-CA", knowledgeOnly: true } } });
  });

  it("names each bad field", () => {
    const parsed = parseForm(
      PersonalitySchema,
      form({ name: "", instructions: "x".repeat(8001), tone: "sarcastic", language: "english please", temperature: "", maxTokens: "5000" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toMatchObject({
      name: ["Enter a name."],
      instructions: ["The instructions must be at most 8,000 characters."],
      tone: ["Choose a tone."],
      language: ["Use a short language code such as en, de or fr-CA."],
      temperature: ["Enter a temperature from 0 to 2."],
      maxTokens: ["Enter a whole number from 1 to 4096."],
    });
  });

  it("needs a model name for a model server", () => {
    const parsed = parseForm(PersonalitySchema, form({ provider: "openai-compatible", model: " " }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.model).toEqual(["Enter the model name, e.g. gpt-4o-mini or llama3.1:8b."]);
  });
});
