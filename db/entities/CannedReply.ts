import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** A saved answer agents insert into a reply. Titles are unique per workspace. */
export const CannedReply = defineEntity({
  name: "CannedReply",
  tableName: "canned_replies",
  uniques: [{ properties: ["tenant", "title"] }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    title: p.string().length(120),
    content: p.text(),
    createdBy: () => p.manyToOne(User).ref().nullable().deleteRule("set null"),
  },
});
export type CannedReply = InferEntity<typeof CannedReply>;
