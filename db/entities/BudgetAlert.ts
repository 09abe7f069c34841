import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";

export const BUDGET_SEVERITIES = ["warning", "critical"] as const;

/** Raised once per tenant, month and severity when spend crosses a threshold. */
export const BudgetAlert = defineEntity({
  name: "BudgetAlert",
  tableName: "budget_alerts",
  uniques: [{ properties: ["tenant", "period", "severity"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    period: p.string().length(7),
    severity: p.enum([...BUDGET_SEVERITIES]),
    thresholdPercent: p.integer(),
    spendUsd: p.decimal("number").precision(12).scale(6),
    limitUsd: p.decimal("number").precision(12).scale(6),
    acknowledgedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type BudgetAlert = InferEntity<typeof BudgetAlert>;
