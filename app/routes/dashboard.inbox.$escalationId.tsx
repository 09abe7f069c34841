import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, FormNotice } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { EscalationStatusBadge, PriorityBadge, SlaCountdown } from "~/inbox/inbox-badges";
import { PRIORITIES, PRIORITY_LABELS, REPLY_MAX_CHARS, TRIGGER_LABELS, type EscalationPriority } from "~/inbox/inbox-rules";
import type { TranscriptEntry } from "~/inbox/inbox.server";
import {
  addInternalNote, assignEscalation, changePriority, claimEscalation, escalationDetail, listAssignableTeammates, listCannedReplies, markRead,
  markWaitingOnCustomer, reopenEscalation, replyToCustomer, resolveEscalation, touchPresence, unassignEscalation,
} from "~/inbox/inbox.server";
import { useLiveRevalidation } from "~/inbox/use-live-revalidation";
import { formErrorsOf, idParam, notFound, UserFacingError } from "~/utils/errors";
import type { FieldErrors } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const escalationId = idParam(params.escalationId, "That escalation");
  const detail = await escalationDetail({ tenantId, escalationId });
  if (!detail) notFound("That escalation");
  await markRead({ tenantId, userId: user.id, escalationId });
  await touchPresence({ tenantId, userId: user.id });
  const canAct = hasRole(user.role, "agent");
  const isAdmin = hasRole(user.role, "admin");
  const assigneeId = detail.escalation.assignee?.id ?? null;
  return {
    ...detail,
    me: { id: user.id },
    canAct,
    isAdmin,
    canAssign: isAdmin || (canAct && assigneeId === user.id),
    teammates: canAct ? await listAssignableTeammates({ tenantId }) : [],
    cannedReplies: canAct ? await listCannedReplies({ tenantId }) : [],
  };
}

type Intent = "claim" | "assign" | "unassign" | "reply" | "reply-and-wait" | "note" | "waiting" | "resolve" | "reopen" | "priority";
type ActionResult = { intent?: Intent; notice?: string; formError?: string; fieldErrors?: FieldErrors; sent?: boolean };

const NOTICES: Record<Intent, string> = {
  claim: "It is yours now.",
  assign: "Assigned.",
  unassign: "Back in the queue for anyone to claim.",
  reply: "Reply sent.",
  "reply-and-wait": "Reply sent; waiting on the customer.",
  note: "Note added for the team.",
  waiting: "Marked as waiting on the customer.",
  resolve: "Resolved. The customer was asked to rate the conversation.",
  reopen: "Reopened.",
  priority: "Priority changed; the first-reply deadline moved with it.",
};

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function action({ request, params }: ActionFunctionArgs) {
  // Any member reaches the services, which refuse viewers with a message shown on the page.
  const user = await requireUser(request);
  const escalationId = idParam(params.escalationId, "That escalation");
  const form = await readVerifiedForm(request);
  const intent = form.get("intent") as Intent;
  const target = { actor: user, escalationId };
  try {
    switch (intent) {
      case "claim":
        await claimEscalation(target);
        break;
      case "assign":
        await assignEscalation({ ...target, assigneeId: z.uuid().catch("").parse(form.get("assigneeId")) || invalidChoice("assigneeId", "Choose a teammate.") });
        break;
      case "unassign":
        await unassignEscalation(target);
        break;
      case "reply":
      case "reply-and-wait":
        await replyToCustomer({ ...target, content: text(form, "content"), waitOnCustomer: intent === "reply-and-wait" });
        return data<ActionResult>({ intent, notice: NOTICES[intent], sent: true });
      case "note":
        await addInternalNote({ ...target, content: text(form, "content") });
        return data<ActionResult>({ intent, notice: NOTICES[intent], sent: true });
      case "waiting":
        await markWaitingOnCustomer(target);
        break;
      case "resolve":
        await resolveEscalation(target);
        break;
      case "reopen":
        await reopenEscalation(target);
        break;
      case "priority": {
        const priority = z.enum(PRIORITIES as [EscalationPriority, ...EscalationPriority[]]).safeParse(form.get("priority"));
        if (!priority.success) invalidChoice("priority", "Choose a priority.");
        await changePriority({ ...target, priority: priority.data });
        break;
      }
      default:
        return data<ActionResult>({ formError: "Unknown action." }, { status: 400 });
    }
    return data<ActionResult>({ intent, notice: NOTICES[intent] });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>({ intent, ...formErrorsOf(error) }, { status: error.status });
  }
}

function invalidChoice(field: string, message: string): never {
  throw new UserFacingError(message, 400, field);
}

function formatTime(value: Date | string) {
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function formatDay(value: Date | string) {
  return new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** A one-button form for an intent, with extra fields when the action needs them. */
function ActionForm({ intent, label, tone = "quiet", children }: { intent: Intent; label: string; tone?: "quiet" | "primary" | "danger"; children?: ReactNode }) {
  const tones = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    danger: "bg-red-600 text-white hover:bg-red-700",
    quiet: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  };
  const busy = useNavigation().formData?.get("intent") === intent;
  return (
    <Form method="post" className="flex items-end gap-2">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit" disabled={busy} className={`rounded-md px-3 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${tones[tone]}`}>
        {label}
      </button>
    </Form>
  );
}

function ResultFor({ result, intents }: { result: ActionResult | undefined; intents: Intent[] }) {
  if (!result?.intent || !intents.includes(result.intent)) return null;
  const fieldError = result.fieldErrors ? Object.values(result.fieldErrors).flat()[0] : undefined;
  return (
    <div className="mt-2">
      <FormError message={result.formError ?? fieldError} />
      <FormNotice message={result.notice} />
    </div>
  );
}

const ROLE_NAMES: Record<TranscriptEntry["role"], string> = { visitor: "Customer", assistant: "Assistant", agent: "Agent", system: "Notice", note: "Internal note" };

function TranscriptMessage({ entry }: { entry: TranscriptEntry }) {
  if (entry.role === "system") {
    return (
      <li className="text-center text-xs text-slate-500">
        {entry.content} · <time dateTime={new Date(entry.createdAt).toISOString()}>{formatTime(entry.createdAt)}</time>
      </li>
    );
  }
  const styles: Record<Exclude<TranscriptEntry["role"], "system">, string> = {
    visitor: "mr-12 bg-slate-100",
    assistant: "ml-12 border border-slate-200 bg-white",
    agent: "ml-12 bg-brand-50",
    note: "border border-amber-300 bg-amber-50",
  };
  return (
    <li className={`rounded-lg px-4 py-3 text-sm ${styles[entry.role]}`}>
      <p className="mb-1 text-xs font-medium text-slate-600">
        {entry.internal ? <span className="font-semibold text-amber-800 uppercase">Internal note</span> : ROLE_NAMES[entry.role]}
        {entry.authorName ? ` · ${entry.authorName}` : ""} · <time dateTime={new Date(entry.createdAt).toISOString()}>{formatTime(entry.createdAt)}</time>
      </p>
      <p className="whitespace-pre-wrap">{entry.content}</p>
      {entry.citations.length ? (
        <ol aria-label="Sources" className="mt-2 space-y-0.5 border-t border-slate-100 pt-2 text-xs text-slate-600">
          {entry.citations.map((citation) => (
            <li key={citation.index}>
              [{citation.index}]{" "}
              {citation.url ? (
                <a href={citation.url} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">
                  {citation.title}
                </a>
              ) : (
                citation.title
              )}
              {citation.section ? ` — ${citation.section}` : ""}
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The reply box: canned replies insert their text where the cursor is; the text stays through live updates. */
function ReplyBox({ cannedReplies, result }: { cannedReplies: { id: string; title: string; content: string }[]; result: ActionResult | undefined }) {
  const [draft, setDraft] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (result?.sent && result.intent !== "note") setDraft("");
  }, [result]);
  const insert = (snippet: string) => {
    const start = box.current?.selectionStart ?? draft.length;
    const end = box.current?.selectionEnd ?? draft.length;
    setDraft(draft.slice(0, start) + snippet + draft.slice(end));
    box.current?.focus();
  };
  return (
    <Form method="post" className="space-y-2">
      <CsrfInput />
      <label htmlFor="reply-content" className="block text-sm font-medium text-slate-700">
        Reply to the customer
      </label>
      <textarea
        id="reply-content"
        ref={box}
        name="content"
        rows={5}
        maxLength={REPLY_MAX_CHARS}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
      <div className="flex flex-wrap items-center gap-2">
        {cannedReplies.length ? (
          <select
            aria-label="Insert a canned reply"
            value=""
            onChange={(event) => {
              const chosen = cannedReplies.find((reply) => reply.id === event.target.value);
              if (chosen) insert(chosen.content);
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">Insert a canned reply…</option>
            {cannedReplies.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.title}
              </option>
            ))}
          </select>
        ) : null}
        <span className="flex-1 text-xs text-slate-500">{draft.length.toLocaleString()} / {REPLY_MAX_CHARS.toLocaleString()}</span>
        <button type="submit" name="intent" value="reply-and-wait" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
          Reply and wait on customer
        </button>
        <button type="submit" name="intent" value="reply" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Send reply
        </button>
      </div>
      <ResultFor result={result} intents={["reply", "reply-and-wait"]} />
    </Form>
  );
}

function NoteBox({ result }: { result: ActionResult | undefined }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.sent && result.intent === "note") form.current?.reset();
  }, [result]);
  return (
    <Form method="post" ref={form} className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <CsrfInput />
      <input type="hidden" name="intent" value="note" />
      <label htmlFor="note-content" className="block text-sm font-medium text-amber-900">
        Internal note <span className="font-normal">(only your team sees it)</span>
      </label>
      <textarea id="note-content" name="content" rows={2} maxLength={REPLY_MAX_CHARS} className="block w-full rounded-md border border-amber-300 bg-white px-3 py-2 text-sm" />
      <button type="submit" className="rounded-md border border-amber-400 bg-white px-3 py-2 text-sm font-medium text-amber-900 hover:bg-amber-100">
        Add note
      </button>
      <ResultFor result={result} intents={["note"]} />
    </Form>
  );
}

export default function EscalationPage() {
  const { escalation, conversation, transcript, endUser, otherConversations, rating, liveCursor, me, canAct, isAdmin, canAssign, teammates, cannedReplies } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useLiveRevalidation({ liveCursor, conversationId: conversation.id });
  const resolved = escalation.status === "resolved";
  const mine = escalation.assignee?.id === me.id;
  const mayWork = canAct && (!escalation.assignee || mine || isAdmin);
  const customer = endUser?.name ?? endUser?.email ?? "Anonymous visitor";

  return (
    <div className="max-w-7xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/inbox" className="text-brand-700 hover:underline">
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title={customer}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <EscalationStatusBadge status={escalation.status} />
            <PriorityBadge priority={escalation.priority} />
            {!resolved ? (
              <span>
                First reply <SlaCountdown dueAt={escalation.slaDueAt} stopped={Boolean(escalation.firstResponseAt)} />
                {escalation.firstResponseAt ? ` answered ${formatTime(escalation.firstResponseAt)}` : ""}
              </span>
            ) : null}
            <span>
              · {TRIGGER_LABELS[escalation.trigger]}
              {escalation.reason ? `: “${escalation.reason}”` : ""}
              {conversation.widgetName ? ` · ${conversation.widgetName}` : ""}
            </span>
          </span>
        }
      />

      <Panel>
        <div className="flex flex-wrap items-end gap-3">
          <p className="mr-auto text-sm">
            {escalation.assignee ? (
              <>
                Assigned to <strong>{mine ? "you" : escalation.assignee.name}</strong>
              </>
            ) : (
              "Nobody has this conversation yet."
            )}
          </p>
          {canAct && !resolved && !escalation.assignee ? <ActionForm intent="claim" label="Claim" tone="primary" /> : null}
          {canAssign && !resolved ? (
            <ActionForm intent="assign" label="Assign">
              <select
                name="assigneeId"
                aria-label="Assign to"
                defaultValue={escalation.assignee?.id ?? ""}
                key={escalation.assignee?.id ?? "nobody"}
                className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
              >
                <option value="" disabled>
                  Choose a teammate…
                </option>
                {teammates.map((teammate) => (
                  <option key={teammate.id} value={teammate.id}>
                    {teammate.id === me.id ? `${teammate.name} (you)` : teammate.name}
                  </option>
                ))}
              </select>
            </ActionForm>
          ) : null}
          {canAssign && !resolved && escalation.assignee ? <ActionForm intent="unassign" label="Unassign" /> : null}
          {mayWork && !resolved ? (
            <ActionForm intent="priority" label="Set priority">
              <select name="priority" aria-label="Priority" defaultValue={escalation.priority} key={escalation.priority} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {PRIORITY_LABELS[priority]}
                  </option>
                ))}
              </select>
            </ActionForm>
          ) : null}
          {mayWork && !resolved && escalation.status !== "waiting" ? <ActionForm intent="waiting" label="Waiting on customer" /> : null}
          {mayWork && !resolved ? <ActionForm intent="resolve" label="Resolve" tone="primary" /> : null}
          {canAct && resolved ? <ActionForm intent="reopen" label="Reopen" /> : null}
        </div>
        <ResultFor result={result} intents={["claim", "assign", "unassign", "priority", "waiting", "resolve", "reopen"]} />
        {!canAct ? <p className="mt-2 text-sm text-slate-500">You can read this conversation; viewers cannot answer or change it.</p> : null}
      </Panel>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Panel title="Conversation">
            <ol aria-label="Transcript" className="space-y-3">
              {transcript.map((entry) => (
                <TranscriptMessage key={entry.id} entry={entry} />
              ))}
            </ol>
          </Panel>
          {canAct ? (
            <Panel>
              <div className="space-y-6">
                {resolved ? (
                  <p className="text-sm text-slate-600">This conversation is resolved. Reopen it to reply.</p>
                ) : escalation.assignee && !mine ? (
                  <p className="text-sm text-slate-600">
                    {escalation.assignee.name} has this conversation. Ask them, or {isAdmin ? "assign it to yourself" : "ask an admin to reassign it"}, to reply.
                  </p>
                ) : (
                  <ReplyBox key={escalation.id} cannedReplies={cannedReplies} result={result} />
                )}
                <NoteBox result={result} />
              </div>
            </Panel>
          ) : null}
        </div>

        <aside className="space-y-6">
          <Panel title="Customer">
            {endUser ? (
              <dl className="space-y-2 text-sm">
                <div>
                  <dt className="text-slate-500">Name</dt>
                  <dd>{endUser.name ?? "Not given"}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Email</dt>
                  <dd className="break-all">{endUser.email ?? "Not given"}</dd>
                </div>
                {endUser.externalId ? (
                  <div>
                    <dt className="text-slate-500">Customer id</dt>
                    <dd className="font-mono text-xs break-all">
                      {endUser.externalId} {endUser.identityVerified ? <span className="ml-1 rounded bg-green-100 px-1 text-green-800">verified</span> : <span className="ml-1 rounded bg-slate-100 px-1">not verified</span>}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt className="text-slate-500">First seen · last seen</dt>
                  <dd>
                    {formatDay(endUser.firstSeenAt)} · {formatTime(endUser.lastSeenAt)}
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-slate-500">An anonymous visitor.</p>
            )}
          </Panel>
          <Panel title="Other conversations">
            {otherConversations.length ? (
              <ul className="space-y-2 text-sm">
                {otherConversations.map((other) => (
                  <li key={other.id} className="flex justify-between gap-2">
                    <time dateTime={new Date(other.createdAt).toISOString()}>{formatDay(other.createdAt)}</time>
                    <span className="text-slate-500">
                      {other.status} · {other.messageCount} message{other.messageCount === 1 ? "" : "s"}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">None.</p>
            )}
          </Panel>
          {resolved ? (
            <Panel title="Rating">
              {rating ? (
                <div className="text-sm">
                  <p>
                    <span aria-hidden="true" className="text-amber-500">
                      {"★".repeat(rating.rating)}
                      <span className="text-slate-300">{"★".repeat(5 - rating.rating)}</span>
                    </span>{" "}
                    <span>{rating.rating} of 5</span>
                  </p>
                  {rating.comment ? <p className="mt-2 whitespace-pre-wrap text-slate-700">“{rating.comment}”</p> : null}
                </div>
              ) : (
                <p className="text-sm text-slate-500">The customer has not rated this conversation yet.</p>
              )}
            </Panel>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.endUser?.name ?? data?.endUser?.email ?? "Conversation"} · Inbox · Helpdesk` }];
