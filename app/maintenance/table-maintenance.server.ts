import type { Connection } from "@mikro-orm/core";
import { getOrm } from "../../db/orm";

const CHECK_EVERY_MS = 5 * 60_000;

/**
 * Does autovacuum's work where it does not run (the embedded database has no background workers).
 * Without fresh statistics the planner guesses row counts and picks slow plans as tables grow (the
 * analytics pages went from ~20 ms to ~250 ms); without vacuum the visibility map stays empty and
 * index-only scans (the analytics covering indexes) still visit every row.
 */
export async function startTableMaintenance(): Promise<{ stop(): Promise<void> }> {
  const connection = (await getOrm()).em.getConnection();
  const [{ running }]: { running: boolean }[] = await connection.execute(
    `select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as running`,
  );
  if (running) return { stop: async () => {} };

  let current: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    current = current.then(() => maintainChangedTables(connection)).catch((error) => console.warn("Table maintenance failed:", error instanceof Error ? error.message : error));
  }, CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}

/**
 * Vacuums and analyzes the tables that changed enough, by autovacuum's default rules: analyze
 * after 50 rows + 10 % changed, vacuum after 50 + 20 % dead or 1,000 + 20 % inserted. Returns
 * what it did, e.g. "analyze public.messages".
 */
export async function maintainChangedTables(connection: Connection): Promise<string[]> {
  // Changes are counted per backend and published lazily; the embedded database's one backend must be told to.
  await connection.execute(`select pg_stat_force_next_flush()`);
  const tables: { name: string; vacuum: boolean; analyze: boolean }[] = await connection.execute(
    `select quote_ident(schemaname) || '.' || quote_ident(relname) as name,
            n_dead_tup > 50 + 0.2 * n_live_tup or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup as vacuum,
            n_mod_since_analyze > 50 + 0.1 * n_live_tup as analyze
     from pg_stat_user_tables`,
  );
  const done: string[] = [];
  for (const table of tables) {
    if (table.vacuum) {
      await connection.execute(`vacuum (analyze) ${table.name}`);
      done.push(`vacuum ${table.name}`);
    } else if (table.analyze) {
      await connection.execute(`analyze ${table.name}`);
      done.push(`analyze ${table.name}`);
    }
  }
  return done;
}
