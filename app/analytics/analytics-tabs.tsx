import { NavLink, useSearchParams } from "@remix-run/react";

const TABS = [
  { to: "/dashboard/analytics", label: "Overview", end: true },
  { to: "/dashboard/analytics/questions", label: "What customers ask", end: false },
  { to: "/dashboard/analytics/gaps", label: "Knowledge gaps", end: false },
  { to: "/dashboard/analytics/customers", label: "Customers", end: false },
];

/** The analytics pages' tabs; the date range and widget filter travel with them. */
export function AnalyticsTabs() {
  const [searchParams] = useSearchParams();
  const carried = new URLSearchParams();
  for (const key of ["range", "from", "to", "widget"]) {
    const value = searchParams.get(key);
    if (value) carried.set(key, value);
  }
  const query = carried.size ? `?${carried}` : "";
  return (
    <nav aria-label="Analytics" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <NavLink
          key={tab.to}
          to={`${tab.to}${query}`}
          end={tab.end}
          className={({ isActive }) =>
            `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
