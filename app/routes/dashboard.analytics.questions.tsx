import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { reportWindow } from "~/analytics/overview/date-range";
import { PeriodForm } from "~/analytics/period-form";
import { readAnalyticsPeriod } from "~/analytics/period.server";
import { formatDateTime, formatShare } from "~/analytics/questions/report-format";
import { listQuestionGroups, type QuestionGroupReport } from "~/analytics/questions/questions.server";
import { requireUser } from "~/auth/require-user.server";
import { PageHeader, Panel } from "~/components/page-header";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const period = await readAnalyticsPeriod({ tenantId: user.tenant.id, searchParams: new URL(request.url).searchParams });
  if (!period.ok) return data({ widgets: period.widgets, query: null, groups: null, errors: period.errors }, { status: 400 });
  const groups = await listQuestionGroups({ tenantId: user.tenant.id, ...reportWindow(period.query) });
  return data({ widgets: period.widgets, query: period.query, groups, errors: {} });
}

export default function WhatCustomersAsk() {
  const { widgets, query, groups, errors } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-7xl">
      <PageHeader title="Analytics" description="Questions that mean the same thing are grouped, however they are worded." />
      <AnalyticsTabs />
      <PeriodForm widgets={widgets} query={query} errors={errors} />
      {groups ? <QuestionGroups groups={groups} /> : null}
    </div>
  );
}

function QuestionGroups({ groups }: { groups: QuestionGroupReport[] }) {
  return (
    <Panel>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-500">No questions in this period. As customers ask the assistant, their questions appear here, grouped by meaning.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Question</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Asked</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium" title="Answered by the assistant without handing over to your team">Resolved</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium" title="Helpful votes on the assistant's answers">Satisfaction</th>
                <th scope="col" className="py-2 font-medium">Last asked</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {groups.map((group) => (
                <tr key={group.id}>
                  <td className="max-w-xl py-3 pr-4 align-top">
                    <p className="font-medium text-slate-900">{group.representative}</p>
                    {group.examples.some((example) => example !== group.representative) ? (
                      <ul className="mt-1 space-y-0.5 text-slate-600">
                        {group.examples.map((example) => (
                          <li key={example}>“{example}”</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className="py-3 pr-4 text-right align-top tabular-nums">{group.asked.toLocaleString()}</td>
                  <td className="py-3 pr-4 text-right align-top tabular-nums">{formatShare(group.resolutionRate)}</td>
                  <td className="py-3 pr-4 text-right align-top tabular-nums">
                    {formatShare(group.satisfaction)}
                    {group.votes ? <span className="block text-xs text-slate-500">{group.votes.toLocaleString()} {group.votes === 1 ? "vote" : "votes"}</span> : null}
                  </td>
                  <td className="py-3 align-top whitespace-nowrap text-slate-600">{formatDateTime(group.lastAskedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export const meta: MetaFunction = () => [{ title: "What customers ask · Analytics · Helpdesk" }];
