import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, FormNotice, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { CANNED_CONTENT_MAX_CHARS, CANNED_TITLE_MAX_CHARS } from "~/inbox/inbox-rules";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "~/inbox/inbox.server";
import { formErrorsOf, UserFacingError } from "~/utils/errors";
import type { FieldErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { replies: await listCannedReplies({ tenantId: user.tenant.id }), canEdit: hasRole(user.role, "admin") };
}

type ActionResult = { replyId?: string; notice?: string; formError?: string; fieldErrors?: FieldErrors; created?: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const form = await readVerifiedForm(request);
  const replyId = z.uuid().optional().catch(undefined).parse(form.get("replyId") ?? undefined);
  const reply = { title: String(form.get("title") ?? ""), content: String(form.get("content") ?? "") };
  try {
    switch (form.get("intent")) {
      case "create":
        await createCannedReply({ actor: user, reply });
        return data<ActionResult>({ notice: "Canned reply saved.", created: true });
      case "update":
        if (!replyId) break;
        await updateCannedReply({ actor: user, cannedReplyId: replyId, reply });
        return data<ActionResult>({ replyId, notice: "Saved." });
      case "delete":
        if (!replyId) break;
        await deleteCannedReply({ actor: user, cannedReplyId: replyId });
        return data<ActionResult>({ notice: "Canned reply deleted." });
    }
    return data<ActionResult>({ replyId, formError: "Unknown action." }, { status: 400 });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>({ replyId, ...formErrorsOf(error) }, { status: error.status });
  }
}

function ReplyFields({ values, errors }: { values?: { title: string; content: string }; errors?: FieldErrors }) {
  return (
    <>
      <TextField label="Title" name="title" defaultValue={values?.title} maxLength={CANNED_TITLE_MAX_CHARS} required errors={errors?.title} />
      <TextAreaField label="Text" name="content" defaultValue={values?.content} rows={4} maxLength={CANNED_CONTENT_MAX_CHARS} required errors={errors?.content} />
    </>
  );
}

export default function CannedRepliesPage() {
  const { replies, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const createForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.created) createForm.current?.reset();
  }, [result]);
  const forNew = result && !result.replyId;

  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/inbox" className="text-brand-700 hover:underline">
          ← Inbox
        </Link>
      </p>
      <PageHeader title="Canned replies" description="Saved answers agents insert into a reply and adjust before sending." />
      {forNew ? (
        <>
          <FormError message={result.formError} />
          <FormNotice message={result.notice} />
        </>
      ) : null}

      {canEdit ? (
        <Panel title="New canned reply">
          <Form method="post" ref={createForm} className="space-y-4" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="create" />
            <ReplyFields errors={forNew ? result.fieldErrors : undefined} />
            <SubmitButton>Save canned reply</SubmitButton>
          </Form>
        </Panel>
      ) : (
        <p className="text-sm text-slate-600">Only owners and admins can change canned replies; use them from the reply box of any conversation.</p>
      )}

      <Panel title={`Saved (${replies.length})`}>
        {replies.length === 0 ? (
          <p className="text-sm text-slate-500">None yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {replies.map((reply) => {
              const mine = result?.replyId === reply.id ? result : undefined;
              return (
                <li key={reply.id} className="py-4">
                  {canEdit ? (
                    <details open={Boolean(mine?.fieldErrors || mine?.formError)}>
                      <summary className="cursor-pointer font-medium">{reply.title}</summary>
                      <Form method="post" className="mt-3 space-y-4" noValidate key={`${reply.id}@${String(reply.updatedAt)}`}>
                        <CsrfInput />
                        <input type="hidden" name="replyId" value={reply.id} />
                        <ReplyFields values={reply} errors={mine?.fieldErrors} />
                        <div className="flex gap-2">
                          <button type="submit" name="intent" value="update" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                            Save
                          </button>
                          <button type="submit" name="intent" value="delete" className="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
                            Delete
                          </button>
                        </div>
                      </Form>
                      <FormError message={mine?.formError} />
                    </details>
                  ) : (
                    <>
                      <p className="font-medium">{reply.title}</p>
                      <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{reply.content}</p>
                    </>
                  )}
                  <FormNotice message={mine?.notice} />
                </li>
              );
            })}
          </ul>
        )}
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Canned replies · Inbox · Helpdesk" }];
