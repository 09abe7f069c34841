import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Counts the documents' chunks in (+1) or out of (-1) the tenant's BM25 document frequencies.
 * Call it with +1 after their postings are written and with -1 before their chunks are deleted,
 * in the same transaction, so the counts always match the postings.
 */
export async function adjustDocumentFrequencies(em: EntityManager, tenantId: string, documentIds: string[], direction: 1 | -1): Promise<void> {
  if (documentIds.length === 0) return;
  const counted = `select p.lexeme, count(*)::int as n
                     from knowledge_postings p join knowledge_chunks c on c.id = p.chunk_id
                    where p.tenant_id = ? and c.tenant_id = ? and c.document_id = any (array(select jsonb_array_elements_text(?::jsonb)::uuid))
                    group by p.lexeme order by p.lexeme`;
  const scope = [tenantId, tenantId, JSON.stringify(documentIds)];
  if (direction === 1) {
    await em.execute(
      `insert into knowledge_terms (tenant_id, lexeme, document_frequency)
       select ?, lexeme, n from (${counted}) counted
       on conflict (tenant_id, lexeme) do update set document_frequency = knowledge_terms.document_frequency + excluded.document_frequency`,
      [tenantId, ...scope],
    );
  } else {
    await em.execute(
      `update knowledge_terms t set document_frequency = t.document_frequency - counted.n
         from (${counted}) counted
        where t.tenant_id = ? and t.lexeme = counted.lexeme`,
      [...scope, tenantId],
    );
    await em.execute(`delete from knowledge_terms where tenant_id = ? and document_frequency <= 0`, [tenantId]);
  }
}
