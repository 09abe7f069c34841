import { describe, expect, it } from "vitest";
import { AuditLog } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { escalationSettings } from "./escalation-settings";
import { getEscalationSettings, updateEscalationSettings } from "./escalation-settings.server";

useTestDatabase();

describe("updateEscalationSettings", () => {
  it("saves the settings and audits what changed, once", async () => {
    const tenant = await createTestTenant("Settings");
    const actor = { id: tenant.ownerId, tenant: { id: tenant.tenantId, name: "Settings", slug: "" } };
    const defaults = await getEscalationSettings({ tenantId: tenant.tenantId });
    expect(defaults).toEqual(escalationSettings({}));

    const settings = { ...defaults, lowConfidence: "handoff" as const, keywordRules: [{ keyword: "refund", priority: "high" as const }] };
    await updateEscalationSettings({ actor, settings });
    expect(await getEscalationSettings({ tenantId: tenant.tenantId })).toEqual(settings);
    await updateEscalationSettings({ actor, settings });

    const audits = await withTenant(tenant.tenantId, (em) => em.find(AuditLog, { tenant: tenant.tenantId, action: "escalation_settings.updated" }));
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toEqual({
      lowConfidence: ["offer", "handoff"],
      keywordRules: [[], [{ keyword: "refund", priority: "high" }]],
    });
  });
});
