import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";

export const TENANT_PLANS = ["free", "starter", "growth", "business", "enterprise"] as const;
export const TENANT_STATUSES = ["active", "suspended", "cancelled"] as const;

export interface TenantSettings {
  /** Spend limit per UTC calendar month; absent means no limit. Read through app/budgets/budget-settings.ts. */
  monthlyBudgetUsd?: number;
  /** Percent of the limit at which admins are warned (the limit itself is the critical threshold). */
  budgetWarningPercent?: number;
  timezone?: string;
  /** Handover rules; read through app/escalations/escalation-settings.ts, which fills in defaults. */
  escalation?: unknown;
}

export const Tenant = defineEntity({
  name: "Tenant",
  tableName: "tenants",
  properties: {
    ...editable,
    name: p.string().length(120),
    slug: p.string().length(80).unique(),
    plan: p.enum([...TENANT_PLANS]).default("starter"),
    status: p.enum([...TENANT_STATUSES]).default("active"),
    settings: p.json<TenantSettings>().default("{}"),
    retentionDays: p.integer().default(365),
  },
});
export type Tenant = InferEntity<typeof Tenant>;
