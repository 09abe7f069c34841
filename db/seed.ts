import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { AiPersonality, Tenant, User, Widget } from "./entities";
import { withSystem, withTenant } from "./tenant-scope";
import { createTenantWithOwner } from "../app/auth/signup.server";
import { hashPassword } from "../app/auth/password.server";
import { addDocuments, type NewDocument } from "../app/knowledge/documents.server";
import { embeddingProviderFromEnv } from "../app/knowledge/embeddings/index.server";
import { runPendingJobs } from "../app/knowledge/worker.server";
import { seedDemoHistory } from "./demo-history/generate";

const DEMO_KNOWLEDGE_DIR = fileURLToPath(new URL("./demo-knowledge/", import.meta.url));

/** The demo shop's help articles and FAQ, ingested like an admin's upload. */
function demoKnowledge(): NewDocument[] {
  const articles = fs
    .readdirSync(DEMO_KNOWLEDGE_DIR)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name): NewDocument => ({ title: name, sourceType: "file", fileName: name, source: fs.readFileSync(DEMO_KNOWLEDGE_DIR + name), tags: ["help centre"] }));
  const faq = JSON.parse(fs.readFileSync(DEMO_KNOWLEDGE_DIR + "faq.json", "utf8")) as { question: string; answer: string }[];
  return [
    ...articles,
    ...faq.map((entry): NewDocument => ({ title: entry.question, sourceType: "faq", source: Buffer.from(JSON.stringify(entry)), tags: ["faq"] })),
  ];
}

export const DEMO_ORGANISATION = "Northwind Outfitters";
export const DEMO_LOGIN = { email: "demo@example.com", password: "demo-password-2026" };
export const DEMO_AGENT = { email: "agent@example.com", password: "agent-password-2026", name: "Sam Rivera" };
/** Fixed so that /demo can embed it; a real widget gets a random public id. */
export const DEMO_WIDGET_PUBLIC_ID = "wgt_demoNorthwind2026";

/** Creates the demo workspace (an owner and an agent) unless it exists. Needs a connected ORM. */
export async function seedDemoTenant(): Promise<{ created: boolean; tenantId: string }> {
  const existing = await withSystem((em) => em.findOne(User, { email: DEMO_LOGIN.email }, { fields: ["tenant"] }));
  if (existing) return { created: false, tenantId: existing.tenant.id };

  const { tenantId, userId } = await createTenantWithOwner({
    organisation: DEMO_ORGANISATION,
    name: "Alex Morgan",
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
  });
  const agentPasswordHash = await hashPassword(DEMO_AGENT.password);
  const team = await withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    tenant.settings = { ...tenant.settings, timezone: "Europe/London", monthlyBudgetUsd: 25 };
    const agent = em.create(User, {
      tenant: tenantId,
      email: DEMO_AGENT.email,
      name: DEMO_AGENT.name,
      passwordHash: agentPasswordHash,
      role: "agent",
    });
    const personality = em.create(AiPersonality, {
      tenant: tenantId,
      name: "Nora",
      description: "Northwind's help-centre assistant: answers from the help articles and FAQ, offers a person otherwise.",
      instructions: "Help customers of Northwind Outfitters with orders, delivery, returns, sizing and their account. Be brief and practical.",
      tone: "friendly",
      isDefault: true,
    });
    const widget = em.create(Widget, {
      tenant: tenantId,
      personality,
      name: "Northwind website",
      publicId: DEMO_WIDGET_PUBLIC_ID,
      allowedOrigins: [],
      settings: {
        greeting: "Hi, I'm Nora from Northwind Outfitters. Ask me about orders, delivery, returns or sizing.",
        launcherLabel: "Chat with Nora",
        theme: "auto",
        brandColor: "#0f766e",
        position: "bottom-right",
        suggestedQuestions: ["How long does delivery take?", "How do I return an item?", "Which size should I choose?"],
      },
    });
    await em.flush();
    return { tenantId, widgetId: widget.id, personalityId: personality.id, agentIds: [agent.id, agent.id, userId] };
  });
  await seedDemoHistory(team);
  await addDocuments({
    actor: { id: userId, tenant: { id: tenantId, name: DEMO_ORGANISATION, slug: "" } },
    documents: demoKnowledge(),
  });
  // Indexed before the server opens (about 3 s), so the demo answers from the first question.
  await runPendingJobs({ embedder: embeddingProviderFromEnv(process.env) });
  return { created: true, tenantId };
}

/** True when no workspace exists yet, i.e. a first start. */
export async function isEmpty(): Promise<boolean> {
  return (await withSystem((em) => em.count(User, {}))) === 0;
}
