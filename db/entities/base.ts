import { randomUUID } from "node:crypto";
import { p } from "@mikro-orm/core";

/** Every row has a UUID key and its creation time. */
export const identity = {
  id: p.uuid().primary().onCreate(() => randomUUID()),
  createdAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
};

/** Rows people edit also record their last change. */
export const editable = {
  ...identity,
  updatedAt: p
    .datetime()
    .columnType("timestamptz")
    .defaultRaw("now()")
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
};
