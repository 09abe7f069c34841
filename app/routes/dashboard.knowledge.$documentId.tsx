import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton, TextField } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { IndexProgress, StatusBadge } from "~/components/status-badge";
import { deleteDocuments, getDocument, reindexDocuments, updateDocument } from "~/knowledge/documents.server";
import { idParam } from "~/utils/errors";
import { parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const document = await getDocument({ tenantId: user.tenant.id, documentId: idParam(params.documentId, "That document") });
  return { document, canEdit: hasRole(user.role, "admin") };
}

const EditSchema = z.object({
  intent: z.literal("save"),
  title: z.string().trim().min(1, "Enter a title.").max(300, "Titles are at most 300 characters."),
  tags: z
    .string()
    .optional()
    .transform((value) => [...new Set((value ?? "").split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))].slice(0, 20)),
  text: z.string().max(1_000_000, "At most 1,000,000 characters.").optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const documentId = idParam(params.documentId, "That document");
  const form = await readVerifiedForm(request);
  const intent = form.get("intent");
  if (intent === "delete") {
    await deleteDocuments({ actor: user, documentIds: [documentId] });
    return redirect("/dashboard/knowledge");
  }
  if (intent === "reindex") {
    await reindexDocuments({ actor: user, documentIds: [documentId] });
    return data({ fieldErrors: undefined, saved: true });
  }
  const parsed = parseForm(EditSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
  const { title, tags, text } = parsed.data;
  await updateDocument({ actor: user, documentId, title, tags, source: text === undefined ? undefined : Buffer.from(text) });
  return data({ fieldErrors: undefined, saved: true });
}

export default function DocumentPage() {
  const { document, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const busy = document.status === "pending" || document.status === "processing";
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  const editableText = document.sourceType === "text";

  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/knowledge" className="text-brand-700 hover:underline">← Knowledge</Link>
      </p>
      <PageHeader
        title={document.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {busy ? <IndexProgress done={document.embeddedCount} total={document.chunkCount} label="Indexing progress" /> : <StatusBadge status={document.status} />}
            <span>{document.fileName ?? document.sourceUrl ?? document.sourceType}</span>
            <span>· {document.chunkCount} chunks</span>
            {document.embeddingModel ? <span>· {document.embeddingModel}</span> : null}
          </span>
        }
      />
      {document.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{document.error}</p>
      ) : null}
      {canEdit ? (
        <Panel title="Edit">
          <Form method="post" className="space-y-4" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <TextField label="Title" name="title" defaultValue={document.title} maxLength={300} errors={result?.fieldErrors?.title} />
            <TextField label="Tags (comma separated)" name="tags" defaultValue={document.tags.join(", ")} />
            {editableText ? (
              <div>
                <label htmlFor="text" className="block text-sm font-medium text-slate-700">Text (saving re-indexes it)</label>
                <textarea id="text" name="text" rows={12} defaultValue={document.content} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
              </div>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <SubmitButton>Save</SubmitButton>
              {result?.saved ? <p role="status" className="self-center text-sm text-green-700">Saved.</p> : null}
            </div>
          </Form>
          <div className="mt-4 flex gap-2 border-t border-slate-100 pt-4">
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="reindex" />
              <SubmitButton tone="quiet">Re-index</SubmitButton>
            </Form>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="delete" />
              <SubmitButton tone="danger">Delete document</SubmitButton>
            </Form>
          </div>
        </Panel>
      ) : null}
      <Panel title={`Chunks (${document.chunks.length})`}>
        {document.chunks.length === 0 ? (
          <p className="text-sm text-slate-500">No chunks yet.</p>
        ) : (
          <ol className="space-y-3">
            {document.chunks.map((chunk) => (
              <li key={chunk.id} className="rounded-md border border-slate-200 p-3">
                <p className="text-xs text-slate-500">
                  #{chunk.position + 1}
                  {chunk.headingPath ? ` · ${chunk.headingPath}` : ""} · {chunk.tokenCount} tokens{chunk.embedded ? "" : " · not embedded yet"}
                </p>
                <p className="mt-1 text-sm whitespace-pre-wrap">{chunk.content}</p>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Document · Helpdesk" }];
