import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { PageHeader, Panel } from "~/components/page-header";
import { IndexProgress, StatusBadge } from "~/components/status-badge";
import { deleteDocuments, listDocuments, reindexDocuments } from "~/knowledge/documents.server";

const FilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["pending", "processing", "ready", "failed"]).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = FilterSchema.parse(params);
  const listing = await listDocuments({ tenantId: user.tenant.id, filter: { search: filter.q || undefined, status: filter.status, tag: filter.tag || undefined } });
  return { ...listing, canEdit: hasRole(user.role, "admin") };
}

const BulkSchema = z.object({
  intent: z.enum(["delete", "reindex"], { error: "Unknown action." }),
  ids: z.array(z.uuid()).min(1, "Select at least one document.").max(500),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const form = await readVerifiedForm(request);
  const parsed = BulkSchema.safeParse({ intent: form.get("intent"), ids: form.getAll("ids") });
  if (!parsed.success) return data({ message: parsed.error.issues[0].message }, { status: 400 });
  const { intent, ids } = parsed.data;
  const count = intent === "delete" ? await deleteDocuments({ actor: user, documentIds: ids }) : await reindexDocuments({ actor: user, documentIds: ids });
  return data({ message: `${intent === "delete" ? "Deleted" : "Re-indexing"} ${count} document${count === 1 ? "" : "s"}.` });
}

export default function KnowledgePage() {
  const { documents, total, tags, canEdit } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const revalidator = useRevalidator();
  const busy = documents.some((document) => document.status === "pending" || document.status === "processing");
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);

  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title="Knowledge"
        description="The help content your assistant answers from."
        actions={
          <div className="flex gap-2">
            <Link to="/dashboard/knowledge/playground" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
              Search playground
            </Link>
            {canEdit ? (
              <Link to="/dashboard/knowledge/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                Add knowledge
              </Link>
            ) : null}
          </div>
        }
      />
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Search titles</span>
          <input name="q" defaultValue={searchParams.get("q") ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={searchParams.get("status") ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">Any</option>
            <option value="ready">Ready</option>
            <option value="processing">Indexing</option>
            <option value="pending">Queued</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Tag</span>
          <select name="tag" defaultValue={searchParams.get("tag") ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">Any</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>{tag}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">Filter</button>
      </Form>

      <Panel title={`Documents (${total})`}>
        {documents.length === 0 ? (
          <p className="text-sm text-slate-500">No documents yet.{canEdit ? " Add your help articles, FAQs or web pages." : ""}</p>
        ) : (
          <Form method="post">
            <CsrfInput />
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-slate-500">
                  <tr>
                    {canEdit ? <th scope="col" className="w-8 py-2"><span className="sr-only">Select</span></th> : null}
                    <th scope="col" className="py-2 pr-4 font-medium">Title</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Source</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Chunks</th>
                    <th scope="col" className="py-2 font-medium">Updated</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {documents.map((document) => (
                    <tr key={document.id}>
                      {canEdit ? (
                        <td className="py-2">
                          <input type="checkbox" name="ids" value={document.id} aria-label={`Select ${document.title}`} />
                        </td>
                      ) : null}
                      <td className="py-2 pr-4">
                        <Link to={`/dashboard/knowledge/${document.id}`} className="font-medium text-brand-700 hover:underline">{document.title}</Link>
                        {document.tags.length ? <span className="ml-2 text-xs text-slate-500">{document.tags.join(", ")}</span> : null}
                        {document.error ? <p className="text-xs text-red-700">{document.error}</p> : null}
                      </td>
                      <td className="py-2 pr-4 text-slate-600">{document.fileName ?? document.sourceUrl ?? document.sourceType}</td>
                      <td className="py-2 pr-4">
                        {document.status === "processing" || document.status === "pending" ? (
                          <IndexProgress done={document.embeddedCount} total={document.chunkCount} label={`Indexing ${document.title}`} />
                        ) : (
                          <StatusBadge status={document.status} />
                        )}
                      </td>
                      <td className="py-2 pr-4">{document.chunkCount}</td>
                      <td className="py-2 text-slate-600">{new Date(document.updatedAt).toLocaleString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canEdit ? (
              <div className="mt-4 flex gap-2">
                <button type="submit" name="intent" value="reindex" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Re-index selected</button>
                <button type="submit" name="intent" value="delete" className="rounded-md bg-red-600 px-3 py-1.5 text-sm text-white hover:bg-red-700">Delete selected</button>
              </div>
            ) : null}
          </Form>
        )}
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Knowledge · Helpdesk" }];
