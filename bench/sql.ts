import pg from "pg";

/**
 * One statement in its own transaction. The embedded database serves every connection from one
 * session and queues only transactions: a bare parameterised statement can have its unnamed
 * prepared statement replaced by another connection's in between parse and bind.
 */
export async function query<Row extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []): Promise<Row[]> {
  await client.query("begin");
  try {
    const { rows } = await client.query<Row>(sql, params);
    await client.query("commit");
    return rows;
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}
