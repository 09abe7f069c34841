import { describe, expect, it, vi } from "vitest";
import { QuestionCluster } from "../../../db/entities";
import { createTestTenant } from "../../../db/testing/fixtures";
import { useTestDatabase } from "../../../db/testing/test-database";
import { withTenant } from "../../../db/tenant-scope";
import { addDocuments } from "../../knowledge/documents.server";
import { useOfflineEmbedder } from "../../knowledge/embeddings/use-offline-embedder.server";
import { runPendingJobs } from "../../knowledge/worker.server";
import { dismissGap, listKnowledgeGaps } from "./gaps.server";
import { askQuestion, daysAgo, presetWindow } from "./questions.fixture";

useTestDatabase();

const embedder = useOfflineEmbedder();

async function gapStatus(tenantId: string, groupId: string) {
  return withTenant(tenantId, async (em) => (await em.findOneOrFail(QuestionCluster, { id: groupId, tenant: tenantId })).gapStatus);
}

describe("knowledge gaps", () => {
  it("lists groups with unanswered questions, most often unanswered first, with their conversations", async () => {
    const { tenantId } = await createTestTenant("Shoe shop");
    const shop = { tenantId, embedder };
    const vegan = await askQuestion(shop, { question: "Are your shoes vegan?", outcome: "not_covered", askedAt: daysAgo(3), escalated: true });
    await askQuestion(shop, { question: "Are your shoes vegan?", outcome: "low_confidence", askedAt: daysAgo(1) });
    await askQuestion(shop, { question: "Are your shoes vegan?", outcome: "answered", askedAt: daysAgo(1) });
    await askQuestion(shop, { question: "Do you have a shop in Paris?", outcome: "not_covered", askedAt: daysAgo(2) });
    await askQuestion(shop, { question: "Can I pay with PayPal?", outcome: "answered" });

    const gaps = await listKnowledgeGaps({ tenantId, ...presetWindow("30d") });
    expect(gaps.map((gap) => [gap.representative, gap.unanswered])).toEqual([
      ["Are your shoes vegan?", 2],
      ["Do you have a shop in Paris?", 1],
    ]);
    const [questions] = gaps.map((gap) => gap.recentQuestions);
    expect(questions).toHaveLength(2);
    expect(questions[1]).toMatchObject({ id: vegan.questionMessageId, conversationId: vegan.conversationId, reply: "I could not find that in our help content." });
    expect(questions[1].escalationId).toEqual(expect.any(String));
    expect(questions[0].escalationId).toBeNull();
  });

  it("stays dismissed until a question asked after the dismissal goes unanswered", async () => {
    const { tenantId, ownerId } = await createTestTenant("Dismissing");
    const shop = { tenantId, embedder };
    const first = await askQuestion(shop, { question: "Do you sell socks?", outcome: "not_covered", askedAt: daysAgo(2) });
    const groupId = first.clusterId!;

    expect(await dismissGap({ tenantId, groupId, actorId: ownerId })).toBe(true);
    expect(await listKnowledgeGaps({ tenantId, ...presetWindow("30d") })).toEqual([]);
    expect(await dismissGap({ tenantId, groupId, actorId: ownerId })).toBe(false);

    // Asked before the dismissal, answered (unsure) after it: the dismissal stands.
    await askQuestion(shop, { question: "Do you sell socks?", outcome: "low_confidence", askedAt: daysAgo(1) });
    expect(await gapStatus(tenantId, groupId)).toBe("dismissed");
    // Answered well: still dismissed.
    await askQuestion(shop, { question: "Do you sell socks?", outcome: "answered" });
    expect(await gapStatus(tenantId, groupId)).toBe("dismissed");

    await askQuestion(shop, { question: "Do you sell socks?", outcome: "not_covered" });
    const gaps = await listKnowledgeGaps({ tenantId, ...presetWindow("30d") });
    expect(gaps.map((gap) => [gap.id, gap.unanswered])).toEqual([[groupId, 1]]);
  });

  it("belongs to its tenant alone", async () => {
    const mine = await createTestTenant("Mine");
    const theirs = await createTestTenant("Theirs");
    const asked = await askQuestion({ tenantId: theirs.tenantId, embedder }, { question: "Do you sell socks?", outcome: "not_covered" });
    expect(await listKnowledgeGaps({ tenantId: mine.tenantId, ...presetWindow("30d") })).toEqual([]);
    expect(await dismissGap({ tenantId: mine.tenantId, groupId: asked.clusterId!, actorId: mine.ownerId })).toBe(false);
    expect(await gapStatus(theirs.tenantId, asked.clusterId!)).toBe("open");
  });

  it("closes when a document that answers it is ingested, and leaves other gaps open", async () => {
    const { tenantId, ownerId } = await createTestTenant("Learning shop");
    const shop = { tenantId, embedder };
    const vegan = await askQuestion(shop, { question: "Are your shoes vegan?", outcome: "not_covered" });
    const mars = await askQuestion(shop, { question: "Do you deliver to the Moon?", outcome: "not_covered" });
    expect(await gapStatus(tenantId, vegan.clusterId!)).toBe("open");

    await addDocuments({
      actor: { id: ownerId, tenant: { id: tenantId, name: "Learning shop", slug: "" } },
      documents: [{
        title: "Materials",
        sourceType: "text",
        source: Buffer.from("# Materials\n\n## Are your shoes vegan?\nYes, all our shoes are vegan. They are made without leather, wool or any other animal products."),
      }],
    });
    await runPendingJobs({ embedder });

    await vi.waitFor(async () => expect(await gapStatus(tenantId, vegan.clusterId!)).toBe("closed"), { timeout: 20_000, interval: 100 });
    expect(await gapStatus(tenantId, mars.clusterId!)).toBe("open");
    const gaps = await listKnowledgeGaps({ tenantId, ...presetWindow("30d") });
    expect(gaps.map((gap) => gap.representative)).toEqual(["Do you deliver to the Moon?"]);
  });
});
