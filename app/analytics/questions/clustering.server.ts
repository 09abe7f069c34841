import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../../db/tenant-scope";
import { l2Normalize } from "../../knowledge/embeddings/vectors";
import type { AnsweredQuestion } from "../answered-question.server";
import { openGap } from "./gaps.server";

/**
 * A question joins the nearest group of its tenant (same embedding model) when its cosine similarity to the group's
 * centre reaches this; otherwise it starts a group of its own. Calibrated with the offline model (use-lite-512) in
 * clustering-calibration.test.ts on a shop's help-desk questions: paraphrases scored 0.50 to 0.86, different
 * questions 0.13 to 0.67; the ranges overlap, since different questions about the same thing ("my parcel hasn't
 * arrived" / "my order arrived broken") reach 0.67. The value sits just above that, joining 6 of 17 paraphrase pairs
 * and none of 18 different pairs: a group that mixes two questions misreports both, while a paraphrase that starts
 * a group of its own is still counted, under its own wording. Recheck it for a remote embedding model.
 */
export const SAME_QUESTION_SIMILARITY = 0.68;

interface NearestGroup {
  id: string;
  size: number;
  centroid: number[];
  similarity: number;
}

/**
 * The analytics recorder: stores the question's embedding on the visitor message and files it into a group, in one
 * short transaction. An unanswered question opens its group as a knowledge gap.
 */
export async function groupAnsweredQuestion(question: AnsweredQuestion): Promise<void> {
  const vector = l2Normalize(question.questionVector);
  await withTenant(question.tenantId, async (em) => {
    // One question of a tenant is grouped at a time: two questions with the same meaning arriving together would
    // otherwise both find no group and start two.
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`question-groups:${question.tenantId}:${question.embeddingModel}`]);
    const [asked] = await em.execute<{ created_at: Date | string; cluster_id: string | null }[]>(
      `select created_at, cluster_id from messages where id = ? and tenant_id = ? and role = 'visitor'`,
      [question.questionMessageId, question.tenantId],
    );
    // Already grouped: the same question recorded twice must not count twice.
    if (!asked || asked.cluster_id) return;
    const askedAt = new Date(asked.created_at);
    const nearest = await nearestGroup(em, question.tenantId, question.embeddingModel, vector);
    const groupId =
      nearest && nearest.similarity >= SAME_QUESTION_SIMILARITY
        ? await joinGroup(em, question.tenantId, nearest, vector, askedAt)
        : await startGroup(em, question, vector, askedAt);
    await em.execute(
      `update messages set question_embedding = ?::vector, embedding_model = ?, cluster_id = ? where id = ? and tenant_id = ?`,
      [vectorLiteral(vector), question.embeddingModel, groupId, question.questionMessageId, question.tenantId],
    );
    if (question.outcome !== "answered") await openGap(em, { tenantId: question.tenantId, groupId, askedAt });
  });
}

/** An exact scan of the tenant's groups for this model: a tenant has far fewer groups than questions. */
async function nearestGroup(em: EntityManager, tenantId: string, embeddingModel: string, vector: number[]): Promise<NearestGroup | null> {
  const literal = vectorLiteral(vector);
  const [row] = await em.execute<{ id: string; size: number; centroid: string; similarity: number }[]>(
    `select id, size, centroid::text as centroid, 1 - (centroid <=> ?::vector) as similarity
       from question_clusters
      where tenant_id = ? and embedding_model = ? and vector_dims(centroid) = ?
      order by centroid <=> ?::vector
      limit 1`,
    [literal, tenantId, embeddingModel, vector.length, literal],
  );
  return row ? { id: row.id, size: Number(row.size), centroid: JSON.parse(row.centroid) as number[], similarity: Number(row.similarity) } : null;
}

/** The centre moves to the running mean of the group's questions, kept at unit length so similarity stays a cosine. */
async function joinGroup(em: EntityManager, tenantId: string, group: NearestGroup, vector: number[], askedAt: Date): Promise<string> {
  const centroid = l2Normalize(group.centroid.map((value, index) => value * group.size + vector[index]));
  await em.execute(
    `update question_clusters
        set centroid = ?::vector, size = size + 1, last_asked_at = greatest(last_asked_at, ?), updated_at = now()
      where id = ? and tenant_id = ?`,
    [vectorLiteral(centroid), askedAt, group.id, tenantId],
  );
  return group.id;
}

async function startGroup(em: EntityManager, question: AnsweredQuestion, vector: number[], askedAt: Date): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into question_clusters (id, tenant_id, embedding_model, centroid, size, representative, last_asked_at)
     values (?, ?, ?, ?::vector, 1, ?, ?)`,
    [id, question.tenantId, question.embeddingModel, vectorLiteral(vector), question.question.trim(), askedAt],
  );
  return id;
}

function vectorLiteral(vector: number[]): string {
  return `[${vector.join(",")}]`;
}
