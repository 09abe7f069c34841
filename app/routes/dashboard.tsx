import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole, ROLE_LABELS } from "~/auth/roles";
import { pendingBudgetAlert } from "~/budgets/budget-alerts.server";
import { BudgetBanner } from "~/budgets/budget-banner";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { unreadCount } from "~/inbox/inbox.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    user: { name: user.name, email: user.email, role: user.role },
    tenant: { name: user.tenant.name },
    // Reloaded with every navigation and with the inbox's live revalidation, so the badge stays current there.
    unreadInbox: await unreadCount({ tenantId: user.tenant.id, userId: user.id }),
    // Owners and admins act on spend (raise the limit); other roles are not shown it.
    budgetAlert: hasRole(user.role, "admin") ? await pendingBudgetAlert({ tenantId: user.tenant.id }) : null,
  };
}

const NAVIGATION = [
  { to: "/dashboard", label: "Overview", end: true },
  { to: "/dashboard/inbox", label: "Inbox", end: false },
  { to: "/dashboard/analytics", label: "Analytics", end: false },
  { to: "/dashboard/leads", label: "Leads", end: false },
  { to: "/dashboard/knowledge", label: "Knowledge", end: false },
  { to: "/dashboard/personalities", label: "Personalities", end: false },
  { to: "/dashboard/widgets", label: "Widgets", end: false },
  { to: "/dashboard/team", label: "Team", end: false },
  { to: "/dashboard/usage", label: "Usage", end: false },
  { to: "/dashboard/settings", label: "Settings", end: false },
];

function UnreadBadge({ count }: { count: number }) {
  return (
    <>
      <span aria-hidden="true" className="ml-2 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
        {count > 99 ? "99+" : count}
      </span>
      <span className="sr-only">, {count} unread</span>
    </>
  );
}

/** Also wraps the error boundary, so a 403 or 404 keeps the navigation and the Log out button. */
function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("routes/dashboard");
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white md:w-60 md:border-r md:border-b-0">
        <div className="px-5 py-4">
          <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">Helpdesk</p>
          <p className="mt-1 truncate font-semibold" title={data?.tenant.name}>
            {data?.tenant.name}
          </p>
        </div>
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-3 pb-3 md:flex-col">
          {NAVIGATION.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                `rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`
              }
            >
              {item.label}
              {item.to === "/dashboard/inbox" && data?.unreadInbox ? <UnreadBadge count={data.unreadInbox} /> : null}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="flex flex-1 flex-col">
        {data ? (
          <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3">
            <div className="text-right text-sm">
              <p className="font-medium">{data.user.name}</p>
              <p className="text-slate-500">
                {data.user.email} · {ROLE_LABELS[data.user.role]}
              </p>
            </div>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                Log out
              </button>
            </Form>
          </header>
        ) : null}
        {data?.budgetAlert ? <BudgetBanner alert={data.budgetAlert} /> : null}
        <main className="flex-1 px-6 py-8">{children}</main>
      </div>
    </div>
  );
}

export default function DashboardLayout() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
