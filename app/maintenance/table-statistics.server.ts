import type { Connection } from "@mikro-orm/core";
import { getOrm } from "../../db/orm";

const CHECK_EVERY_MS = 5 * 60_000;

/**
 * Keeps the query planner's table statistics fresh where PostgreSQL's autovacuum does not run
 * (the embedded database has no background workers). Without them the planner guesses row counts
 * and picks slow plans as tables grow (the analytics pages went from ~20 ms to ~250 ms). Applies
 * autovacuum's own rule: analyze a table once 50 rows + 10 % of it changed since the last time.
 */
export async function startTableStatistics(): Promise<{ stop(): Promise<void> }> {
  const connection = (await getOrm()).em.getConnection();
  const [{ running }]: { running: boolean }[] = await connection.execute(
    `select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as running`,
  );
  if (running) return { stop: async () => {} };

  let current: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    current = current.then(() => analyzeChangedTables(connection)).catch((error) => console.warn("Refreshing table statistics failed:", error instanceof Error ? error.message : error));
  }, CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}

/** Analyzes the tables that changed enough since their last analysis; returns their names. */
export async function analyzeChangedTables(connection: Connection): Promise<string[]> {
  // Changes are counted per backend and published lazily; the embedded database's one backend must be told to.
  await connection.execute(`select pg_stat_force_next_flush()`);
  const stale: { name: string }[] = await connection.execute(
    `select quote_ident(schemaname) || '.' || quote_ident(relname) as name from pg_stat_user_tables
     where n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`,
  );
  for (const { name } of stale) await connection.execute(`analyze ${name}`);
  return stale.map((table) => table.name);
}
