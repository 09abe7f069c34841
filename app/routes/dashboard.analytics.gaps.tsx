import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { reportWindow } from "~/analytics/overview/date-range";
import { PeriodForm } from "~/analytics/period-form";
import { readAnalyticsPeriod } from "~/analytics/period.server";
import { articleDraftHref } from "~/analytics/questions/article-draft";
import { dismissGap, listKnowledgeGaps, type KnowledgeGap } from "~/analytics/questions/gaps.server";
import { formatDateTime } from "~/analytics/questions/report-format";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SubmitButton } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const canAct = hasRole(user.role, "admin");
  const period = await readAnalyticsPeriod({ tenantId: user.tenant.id, searchParams: new URL(request.url).searchParams });
  if (!period.ok) return data({ widgets: period.widgets, query: null, gaps: null, errors: period.errors, canAct }, { status: 400 });
  const gaps = await listKnowledgeGaps({ tenantId: user.tenant.id, ...reportWindow(period.query) });
  return data({ widgets: period.widgets, query: period.query, gaps, errors: {}, canAct });
}

const DismissSchema = z.object({ intent: z.literal("dismiss"), groupId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = parseForm(DismissSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ formError: "Unknown action." }, { status: 400 });
  const dismissed = await dismissGap({ tenantId: user.tenant.id, groupId: parsed.data.groupId, actorId: user.id });
  if (!dismissed) return data({ formError: "That gap was already dismissed or answered." }, { status: 409 });
  return { formError: undefined };
}

export default function KnowledgeGaps() {
  const { widgets, query, gaps, errors, canAct } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Analytics"
        description="Questions your assistant could not answer, or answered unsure, grouped by meaning. A gap closes by itself once new knowledge answers it."
      />
      <AnalyticsTabs />
      <PeriodForm widgets={widgets} query={query} errors={errors} />
      <FormError message={result?.formError} />
      {gaps ? (
        <Panel>
          {gaps.length === 0 ? (
            <p className="text-sm text-slate-500">No knowledge gaps in this period: every question was answered.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {gaps.map((gap) => (
                <GapItem key={gap.id} gap={gap} canAct={canAct} />
              ))}
            </ol>
          )}
        </Panel>
      ) : null}
    </div>
  );
}

function GapItem({ gap, canAct }: { gap: KnowledgeGap; canAct: boolean }) {
  const navigation = useNavigation();
  const dismissing = navigation.state === "submitting" && navigation.formData?.get("groupId") === gap.id;
  return (
    <li className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="font-medium text-slate-900">{gap.representative}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {gap.unanswered.toLocaleString()} unanswered {gap.unanswered === 1 ? "question" : "questions"} · last asked {formatDateTime(gap.lastAskedAt)}
          </p>
        </div>
        {canAct ? (
          <div className="flex items-center gap-2">
            <Link
              to={articleDraftHref({ representative: gap.representative, questions: gap.recentQuestions.map((question) => question.content) })}
              className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Write an article
            </Link>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="dismiss" />
              <input type="hidden" name="groupId" value={gap.id} />
              <SubmitButton tone="quiet" pending={dismissing}>
                Dismiss
              </SubmitButton>
            </Form>
          </div>
        ) : null}
      </div>
      <ul className="mt-3 space-y-2 text-sm">
        {gap.recentQuestions.map((question) => (
          <li key={question.id}>
            <details className="rounded-md border border-slate-200 px-3 py-2">
              <summary className="cursor-pointer">
                “{question.content}” <span className="text-slate-500">· {formatDateTime(question.askedAt)}</span>
              </summary>
              <div className="mt-2 space-y-2">
                <p>
                  <span className="font-medium text-slate-700">Customer:</span> {question.content}
                </p>
                <p className="whitespace-pre-line">
                  <span className="font-medium text-slate-700">Assistant:</span> {question.reply ?? "No reply was stored."}
                </p>
                {question.escalationId ? (
                  <Link to={`/dashboard/inbox/${question.escalationId}`} className="font-medium text-brand-700 hover:underline">
                    Open the conversation in the inbox
                  </Link>
                ) : null}
              </div>
            </details>
          </li>
        ))}
      </ul>
    </li>
  );
}

export const meta: MetaFunction = () => [{ title: "Knowledge gaps · Analytics · Helpdesk" }];
