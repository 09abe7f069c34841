import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/require-user.server";
import { PageHeader, Panel } from "~/components/page-header";
import { embeddingProviderFromEnv } from "~/knowledge/embeddings/index.server";
import { retrieve } from "~/knowledge/retrieval.server";

const QuerySchema = z.object({
  q: z.string().trim().max(1000).optional().catch(undefined),
  mode: z.enum(["hybrid", "vector", "keyword"]).catch("hybrid"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { q, mode } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q) return { query: "", mode, results: [], timings: null };
  const { results, timings } = await retrieve({ tenantId: user.tenant.id, query: q, mode, k: 10, embedder: embeddingProviderFromEnv(process.env) });
  return { query: q, mode, results, timings };
}

function score(value: number | undefined, digits = 3) {
  return value === undefined ? "—" : value.toFixed(digits);
}

export default function PlaygroundPage() {
  const { query, mode, results, timings } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const searching = useNavigation().state === "loading";
  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/knowledge" className="text-brand-700 hover:underline">← Knowledge</Link>
      </p>
      <PageHeader title="Search playground" description="See what the assistant would retrieve for a question, and why." />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <label className="min-w-72 flex-1 text-sm">
          <span className="block font-medium text-slate-700">Question</span>
          <input name="q" defaultValue={searchParams.get("q") ?? ""} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Retrieval</span>
          <select name="mode" defaultValue={mode} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="hybrid">Hybrid</option>
            <option value="vector">Vector only</option>
            <option value="keyword">Keyword (BM25) only</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{searching ? "Searching…" : "Search"}</button>
      </Form>
      {timings ? (
        <p className="text-sm text-slate-600" role="status">
          {results.length} result{results.length === 1 ? "" : "s"} in {timings.totalMs.toFixed(0)} ms (embedding {timings.embedMs.toFixed(0)} ms, search {timings.searchMs.toFixed(0)} ms)
        </p>
      ) : null}
      {query && results.length === 0 ? <Panel><p className="text-sm text-slate-500">Nothing in the knowledge base matches this question.</p></Panel> : null}
      <ol className="space-y-3" aria-label="Results">
        {results.map((result, index) => (
          <li key={result.chunkId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-medium">
                {index + 1}.{" "}
                <Link to={`/dashboard/knowledge/${result.documentId}`} className="text-brand-700 hover:underline">{result.title}</Link>
                {result.headingPath ? <span className="text-slate-500"> › {result.headingPath}</span> : null}
              </p>
              <dl className="flex gap-3 text-xs text-slate-600">
                <div><dt className="inline">fused </dt><dd className="inline font-mono">{score(result.score, 4)}</dd></div>
                <div><dt className="inline">vector </dt><dd className="inline font-mono">{score(result.vector?.similarity)}{result.vector ? ` (#${result.vector.rank})` : ""}</dd></div>
                <div><dt className="inline">BM25 </dt><dd className="inline font-mono">{score(result.keyword?.bm25, 2)}{result.keyword ? ` (#${result.keyword.rank})` : ""}</dd></div>
                {result.exactMatch ? <div className="font-medium text-brand-700">exact match</div> : null}
              </dl>
            </div>
            <p className="mt-2 line-clamp-4 text-sm whitespace-pre-wrap text-slate-700">{result.content}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Search playground · Helpdesk" }];
