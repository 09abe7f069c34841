import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../db/testing/test-database";
import { maintainChangedTables } from "./table-maintenance.server";

const database = useTestDatabase();

describe("table maintenance on the embedded database", () => {
  it("analyzes a table once enough of it changed, vacuums it once enough was added, and then leaves it alone", async () => {
    const connection = database.orm().em.getConnection();
    const insert = (from: number, to: number) =>
      connection.execute(`insert into rate_limit_buckets (key, window_start, hits) select 'maintenance-' || g, now(), 1 from generate_series(${from}, ${to}) g`);

    await insert(1, 500);
    expect(await maintainChangedTables(connection)).toContain("analyze public.rate_limit_buckets");
    await insert(501, 2500);
    expect(await maintainChangedTables(connection)).toContain("vacuum public.rate_limit_buckets");
    const [table] = await connection.execute<{ vacuumed: boolean; rows: number }[]>(
      `select s.last_vacuum is not null as vacuumed, c.reltuples::int as rows
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'rate_limit_buckets'`,
    );
    expect(table).toEqual({ vacuumed: true, rows: 2500 });
    expect((await maintainChangedTables(connection)).filter((action) => action.endsWith("rate_limit_buckets"))).toEqual([]);
  });
});
