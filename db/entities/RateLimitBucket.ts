import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** A fixed-window counter shared by every app process (e.g. login attempts per IP and email). */
export const RateLimitBucket = defineEntity({
  name: "RateLimitBucket",
  tableName: "rate_limit_buckets",
  properties: {
    key: p.string().length(200).primary(),
    windowStart: p.datetime().columnType("timestamptz"),
    hits: p.integer(),
  },
});
export type RateLimitBucket = InferEntity<typeof RateLimitBucket>;
