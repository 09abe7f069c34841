import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { acknowledgeBudgetAlert, listBudgetAlerts } from "~/budgets/budget-alerts.server";
import { DISMISS_ALERT_INTENT } from "~/budgets/budget-banner";
import { usageReport } from "~/budgets/usage-report.server";
import { AlertList, DailySpendChart, ModelTable, ServiceTable, SpendPanel } from "~/budgets/usage-panels";
import { PageHeader } from "~/components/page-header";

/** Everyone in the workspace may read spend; only owners and admins change the limit or dismiss alerts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const usage = await usageReport({ tenantId });
  const alerts = await listBudgetAlerts({ tenantId });
  return { usage, alerts, canEdit: hasRole(user.role, "admin") };
}

const DismissSchema = z.object({
  intent: z.literal(DISMISS_ALERT_INTENT),
  alertId: z.uuid(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = DismissSchema.safeParse(Object.fromEntries(await readVerifiedForm(request)));
  if (!parsed.success) return data({ dismissed: false }, { status: 400 });
  await acknowledgeBudgetAlert({ actor: user, alertId: parsed.data.alertId });
  return data({ dismissed: true });
}

export default function UsagePage() {
  const { usage, alerts, canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title="Usage" description="What the assistant's model calls cost this calendar month (UTC), and where the money goes." />
      <SpendPanel usage={usage} canEdit={canEdit} />
      <AlertList alerts={alerts} canDismiss={canEdit} />
      <ServiceTable rows={usage.byService} />
      <ModelTable rows={usage.byModel} />
      <DailySpendChart days={usage.perDay} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Usage · Helpdesk" }];
