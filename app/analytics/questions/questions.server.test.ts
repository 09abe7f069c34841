import { describe, expect, it } from "vitest";
import { createTestTenant } from "../../../db/testing/fixtures";
import { useTestDatabase } from "../../../db/testing/test-database";
import { useOfflineEmbedder } from "../../knowledge/embeddings/use-offline-embedder.server";
import { parseOverviewQuery, reportWindow } from "../overview/date-range";
import { listQuestionGroups } from "./questions.server";
import { askQuestion, createWidget, daysAgo, presetWindow } from "./questions.fixture";

useTestDatabase();

const embedder = useOfflineEmbedder();

describe("what customers ask", () => {
  it("ranks groups by questions asked in the period, with resolution, satisfaction and examples", async () => {
    const { tenantId } = await createTestTenant("Shoe shop");
    const shop = { tenantId, embedder };
    // PayPal: four in the last week (one handed over, one unsure), one long ago.
    await askQuestion(shop, { question: "Can I pay with PayPal?", askedAt: daysAgo(3), feedback: "helpful" });
    await askQuestion(shop, { question: "Do you accept PayPal payments?", askedAt: daysAgo(2), feedback: "helpful" });
    await askQuestion(shop, { question: "can i pay with paypal", askedAt: daysAgo(2), feedback: "not_helpful", escalated: true });
    await askQuestion(shop, { question: "Can I pay with PayPal?", askedAt: daysAgo(1), outcome: "low_confidence" });
    await askQuestion(shop, { question: "Can I pay with PayPal?", askedAt: daysAgo(40), feedback: "not_helpful" });
    // Returns: two in the last week.
    await askQuestion(shop, { question: "How do I return shoes?", askedAt: daysAgo(5) });
    await askQuestion(shop, { question: "How do I return shoes?", askedAt: daysAgo(4), feedback: "helpful" });

    const week = await listQuestionGroups({ tenantId, ...presetWindow("7d") });
    expect(week.map((group) => group.representative)).toEqual(["Can I pay with PayPal?", "How do I return shoes?"]);
    const [paypal, returns] = week;
    expect(paypal).toMatchObject({ asked: 4, resolutionRate: 2 / 4, satisfaction: 2 / 3, votes: 3 });
    // "can i pay with paypal" is the same wording as the first, so it is not shown again.
    expect(paypal.examples).toEqual(["Can I pay with PayPal?", "Do you accept PayPal payments?"]);
    expect(new Date(paypal.lastAskedAt).getTime()).toBeCloseTo(daysAgo(1).getTime(), -5);
    expect(returns).toMatchObject({ asked: 2, resolutionRate: 1, satisfaction: 1, votes: 1, examples: ["How do I return shoes?"] });

    const quarter = await listQuestionGroups({ tenantId, ...presetWindow("90d") });
    expect(quarter[0]).toMatchObject({ representative: "Can I pay with PayPal?", asked: 5, satisfaction: 2 / 4 });
  });

  it("shows only the chosen widget's questions", async () => {
    const { tenantId } = await createTestTenant("Two sites");
    const shop = await createWidget(tenantId, "Shop");
    const blog = await createWidget(tenantId, "Blog");
    await askQuestion({ tenantId, embedder }, { question: "Do you ship to Canada?", widgetId: shop });
    await askQuestion({ tenantId, embedder }, { question: "Do you ship to Canada?", widgetId: blog });
    await askQuestion({ tenantId, embedder }, { question: "How do I reset my password?", widgetId: blog });

    const shopOnly = await listQuestionGroups({ tenantId, ...presetWindow("30d", shop) });
    expect(shopOnly.map((group) => [group.representative, group.asked])).toEqual([["Do you ship to Canada?", 1]]);
    const all = await listQuestionGroups({ tenantId, ...presetWindow("30d") });
    expect(all.map((group) => [group.representative, group.asked])).toEqual([["Do you ship to Canada?", 2], ["How do I reset my password?", 1]]);
  });

  it("covers the whole first and last day of a custom period, and nothing around them", async () => {
    const { tenantId } = await createTestTenant("Two days");
    for (const askedAt of ["2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", "2026-03-03T23:59:59Z", "2026-03-04T00:00:00Z"]) {
      await askQuestion({ tenantId, embedder }, { question: "Do you ship to Canada?", askedAt: new Date(askedAt) });
    }
    const parsed = parseOverviewQuery(new URLSearchParams("range=custom&from=2026-03-02&to=2026-03-03"));
    if (!parsed.ok) throw new Error("The period should parse.");
    const [group] = await listQuestionGroups({ tenantId, ...reportWindow(parsed.query) });
    expect(group).toMatchObject({ asked: 2, lastAskedAt: "2026-03-03T23:59:59.000Z" });
  });

  it("never shows another tenant's questions", async () => {
    const mine = await createTestTenant("Mine");
    const theirs = await createTestTenant("Theirs");
    await askQuestion({ tenantId: theirs.tenantId, embedder }, { question: "Where is my order?" });
    expect(await listQuestionGroups({ tenantId: mine.tenantId, ...presetWindow("30d") })).toEqual([]);
  });
});
