import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../db/testing/test-database";
import { analyzeChangedTables } from "./table-statistics.server";

const database = useTestDatabase();

describe("table statistics on the embedded database", () => {
  it("analyzes a table once enough of it changed, and leaves it alone after", async () => {
    const connection = database.orm().em.getConnection();
    await connection.execute(
      `insert into rate_limit_buckets (key, window_start, hits) select 'stats-' || g, now(), 1 from generate_series(1, 500) g`,
    );
    expect(await analyzeChangedTables(connection)).toContain("public.rate_limit_buckets");
    const [table] = await connection.execute<{ analyzed: boolean; rows: number }[]>(
      `select last_analyze is not null as analyzed, reltuples::int as rows from pg_stat_user_tables join pg_class on pg_class.oid = relid where pg_stat_user_tables.relname = 'rate_limit_buckets'`,
    );
    expect(table).toEqual({ analyzed: true, rows: 500 });
    expect(await analyzeChangedTables(connection)).not.toContain("public.rate_limit_buckets");
  });
});
