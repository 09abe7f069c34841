import { withSystem } from "../../db/tenant-scope";

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window kept in PostgreSQL, so every app process shares
 * the count. One upsert, no read-modify-write race.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = await withSystem((em) =>
    em.execute<{ hits: number; window_start: Date }[]>(
      `insert into rate_limit_buckets (key, window_start, hits) values (?, now(), 1)
       on conflict (key) do update set
         hits = case when rate_limit_buckets.window_start < now() - make_interval(secs => ?) then 1 else rate_limit_buckets.hits + 1 end,
         window_start = case when rate_limit_buckets.window_start < now() - make_interval(secs => ?) then now() else rate_limit_buckets.window_start end
       returning hits, window_start`,
      [key, windowSeconds, windowSeconds],
    ),
  );
  const elapsedSeconds = (Date.now() - new Date(row.window_start).getTime()) / 1000;
  return {
    allowed: row.hits <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsedSeconds)),
  };
}

export async function clearRateLimit(key: string): Promise<void> {
  await withSystem((em) => em.execute(`delete from rate_limit_buckets where key = ?`, [key]));
}
