import { Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { escalationSettings, type EscalationSettings } from "./escalation-settings";

export async function getEscalationSettings({ tenantId }: { tenantId: string }): Promise<EscalationSettings> {
  return withTenant(tenantId, async (em) => escalationSettings((await em.findOneOrFail(Tenant, { id: tenantId })).settings.escalation));
}

/** Saves validated handover settings (see parseEscalationSettingsForm); the audit entry keeps what each part was and became. */
export async function updateEscalationSettings({ actor, settings }: { actor: Pick<CurrentUser, "id" | "tenant">; settings: EscalationSettings }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const before = escalationSettings(tenant.settings.escalation);
    const changed = (Object.keys(settings) as (keyof EscalationSettings)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(settings[key]));
    if (changed.length === 0) return;
    recordAudit(em, {
      tenantId,
      actorId: actor.id,
      action: "escalation_settings.updated",
      details: Object.fromEntries(changed.map((key) => [key, [before[key], settings[key]]])),
    });
    // A new object, so the ORM sees the JSON column change.
    tenant.settings = { ...tenant.settings, escalation: settings };
  });
}
