import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { PageHeader, Panel } from "./page-header";

/**
 * A dashboard page that lists a workspace's things of one kind (personalities, widgets): the
 * header with its "New …" button for those who may create, and a table, or a sentence when empty.
 */
export function ResourceListPage({
  title,
  description,
  newItem,
  count,
  empty,
  columns,
  children,
}: {
  title: string;
  description: string;
  /** Shown only to those who may create one. */
  newItem: { href: string; label: string } | null;
  count: number;
  empty: string;
  columns: string[];
  /** The table rows. */
  children: ReactNode;
}) {
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={title}
        description={description}
        actions={
          newItem ? (
            <Link to={newItem.href} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {newItem.label}
            </Link>
          ) : null
        }
      />
      <Panel title={`${title} (${count})`}>
        {count === 0 ? (
          <p className="text-sm text-slate-500">{empty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  {columns.map((column, index) => (
                    <th key={column} scope="col" className={`py-2 font-medium ${index < columns.length - 1 ? "pr-4" : ""}`}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">{children}</tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
