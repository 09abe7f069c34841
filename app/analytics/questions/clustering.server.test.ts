import { describe, expect, it } from "vitest";
import { Message, QuestionCluster } from "../../../db/entities";
import { createTestTenant } from "../../../db/testing/fixtures";
import { useTestDatabase } from "../../../db/testing/test-database";
import { withTenant } from "../../../db/tenant-scope";
import { useOfflineEmbedder } from "../../knowledge/embeddings/use-offline-embedder.server";
import { groupAnsweredQuestion } from "./clustering.server";
import { askQuestion } from "./questions.fixture";

useTestDatabase();

const embedder = useOfflineEmbedder();

async function groupsOf(tenantId: string) {
  return withTenant(tenantId, (em) => em.find(QuestionCluster, { tenant: tenantId }, { orderBy: { createdAt: "asc" } }));
}

describe("grouping questions by meaning", () => {
  it("puts near-duplicates in one group and different questions in others", async () => {
    const { tenantId } = await createTestTenant("Shoe shop");
    const shop = { tenantId, embedder };
    const first = await askQuestion(shop, { question: "Can I pay with PayPal?", askedAt: new Date(Date.now() - 60_000) });
    const again = await askQuestion(shop, { question: "Do you accept PayPal payments?" });
    const repeated = await askQuestion(shop, { question: "can i pay with paypal" });
    const shoes = await askQuestion(shop, { question: "How do I return shoes?" });
    const canada = await askQuestion(shop, { question: "Do you ship to Canada?" });

    expect(again.clusterId).toBe(first.clusterId);
    expect(repeated.clusterId).toBe(first.clusterId);
    expect(new Set([first.clusterId, shoes.clusterId, canada.clusterId]).size).toBe(3);

    const groups = await groupsOf(tenantId);
    expect(groups.map((group) => [group.representative, group.size])).toEqual([
      ["Can I pay with PayPal?", 3],
      ["How do I return shoes?", 1],
      ["Do you ship to Canada?", 1],
    ]);
    const stored = await withTenant(tenantId, (em) =>
      em.findOneOrFail(Message, { id: again.questionMessageId, tenant: tenantId }, { populate: ["questionEmbedding"] }),
    );
    expect(stored.embeddingModel).toBe("use-lite-512");
    expect(stored.questionEmbedding).toHaveLength(512);
  });

  it("keeps the group's centre at unit length and its last-asked time current", async () => {
    const { tenantId } = await createTestTenant("Centre");
    const earlier = new Date(Date.now() - 3_600_000);
    const later = new Date();
    await askQuestion({ tenantId, embedder }, { question: "How do I cancel my order?", askedAt: earlier });
    await askQuestion({ tenantId, embedder }, { question: "I want to cancel the order I just placed", askedAt: later });
    const [group] = await withTenant(tenantId, (em) => em.find(QuestionCluster, { tenant: tenantId }, { populate: ["centroid"] }));
    expect(group.size).toBe(2);
    expect(Math.hypot(...group.centroid)).toBeCloseTo(1, 5);
    expect(group.lastAskedAt.getTime()).toBe(later.getTime());
  });

  it("counts a question once when it is recorded twice", async () => {
    const { tenantId } = await createTestTenant("Twice");
    const asked = await askQuestion({ tenantId, embedder }, { question: "Where is my order?" });
    const [questionVector] = await embedder.embed(["Where is my order?"]);
    await groupAnsweredQuestion({
      tenantId, conversationId: asked.conversationId, endUserId: null, questionMessageId: asked.questionMessageId,
      question: "Where is my order?", questionVector, embeddingModel: embedder.id, outcome: "answered",
    });
    expect((await groupsOf(tenantId)).map((group) => group.size)).toEqual([1]);
  });

  it("makes one group when the same question arrives many times at once", async () => {
    const { tenantId } = await createTestTenant("Rush");
    const asked = await Promise.all(
      Array.from({ length: 6 }, () => askQuestion({ tenantId, embedder }, { question: "When will I get my refund?" })),
    );
    expect(new Set(asked.map((question) => question.clusterId)).size).toBe(1);
    expect((await groupsOf(tenantId)).map((group) => group.size)).toEqual([6]);
  });

  it("never groups a question with another tenant's", async () => {
    const shop = await createTestTenant("Shop A");
    const other = await createTestTenant("Shop B");
    const mine = await askQuestion({ tenantId: shop.tenantId, embedder }, { question: "How do I reset my password?" });
    const theirs = await askQuestion({ tenantId: other.tenantId, embedder }, { question: "How do I reset my password?" });
    expect(theirs.clusterId).not.toBe(mine.clusterId);
    expect((await groupsOf(shop.tenantId)).map((group) => group.size)).toEqual([1]);
    expect((await groupsOf(other.tenantId)).map((group) => group.size)).toEqual([1]);
  });

  it("opens a knowledge gap for an unanswered question only", async () => {
    const { tenantId } = await createTestTenant("Gaps");
    await askQuestion({ tenantId, embedder }, { question: "Do you have gift cards?", outcome: "answered" });
    await askQuestion({ tenantId, embedder }, { question: "Is this product vegan?", outcome: "not_covered" });
    const groups = await groupsOf(tenantId);
    expect(groups.map((group) => [group.representative, group.gapStatus])).toEqual([
      ["Do you have gift cards?", null],
      ["Is this product vegan?", "open"],
    ]);
  });
});
