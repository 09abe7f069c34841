import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readArticlePrefill } from "~/analytics/questions/article-draft";
import { readVerifiedForm, readVerifiedUpload } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SubmitButton, TextField } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { addDocuments, type AddOutcome, type NewDocument } from "~/knowledge/documents.server";
import { fetchPage, PageFetchError, sitemapUrls } from "~/knowledge/fetch-page.server";
import { MAX_UPLOAD_BYTES, SUPPORTED_EXTENSIONS } from "~/knowledge/parsing/index.server";
import { parseForm, type FieldErrors } from "~/utils/forms";

const MAX_FILES_PER_UPLOAD = 20;
const MAX_SITEMAP_PAGES = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return {
    maxUploadMb: MAX_UPLOAD_BYTES / 1024 / 1024,
    extensions: SUPPORTED_EXTENSIONS,
    maxSitemapPages: MAX_SITEMAP_PAGES,
    // A knowledge gap's "Write an article" opens the editor with its question and a draft.
    prefill: readArticlePrefill(new URL(request.url).searchParams),
  };
}

const tagsField = z
  .string()
  .optional()
  .transform((value) => [...new Set((value ?? "").split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().max(40, "Tags are at most 40 characters.")).max(20, "Use at most 20 tags."));

const urlField = z
  .string({ error: "Enter a URL." })
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, e.g. https://example.com/help." }).max(2000));

const TextSchema = z.object({
  title: z.string().trim().min(1, "Give the text a title.").max(300, "Titles are at most 300 characters."),
  text: z.string().trim().min(1, "Paste some text.").max(1_000_000, "Paste at most 1,000,000 characters at once."),
  tags: tagsField,
});
const UrlSchema = z.object({ url: urlField, tags: tagsField });
const FaqSchema = z.object({
  question: z.string().trim().min(1, "Enter the question.").max(1000, "Questions are at most 1,000 characters."),
  answer: z.string().trim().min(1, "Enter the answer.").max(20_000, "Answers are at most 20,000 characters."),
  tags: tagsField,
});

type Result = { fieldErrors?: FieldErrors; formError?: string; intent?: string };

function extensionOf(name: string) {
  const dot = name.lastIndexOf(".");
  return dot >= 0 ? name.slice(dot).toLowerCase() : "";
}

async function documentsFromUpload(form: FormData): Promise<NewDocument[] | Result> {
  const files = form.getAll("files").filter((entry): entry is File => typeof entry !== "string" && entry.name !== "");
  if (files.length === 0) return { fieldErrors: { files: ["Choose at least one file."] } };
  if (files.length > MAX_FILES_PER_UPLOAD) return { fieldErrors: { files: [`Upload at most ${MAX_FILES_PER_UPLOAD} files at once.`] } };
  const unsupported = files.filter((file) => !SUPPORTED_EXTENSIONS.includes(extensionOf(file.name)));
  if (unsupported.length) {
    return { fieldErrors: { files: [`${unsupported.map((file) => file.name).join(", ")}: only ${SUPPORTED_EXTENSIONS.join(", ")} files can be added.`] } };
  }
  const tags = tagsField.parse(form.get("tags") ?? "");
  return Promise.all(
    files.map(async (file) => ({
      title: file.name.replace(/\.[^.]+$/, ""),
      sourceType: "file" as const,
      source: Buffer.from(await file.arrayBuffer()),
      fileName: file.name,
      mimeType: file.type || undefined,
      tags,
    })),
  );
}

async function documentsFromSitemap(url: string, tags: string[]): Promise<NewDocument[] | Result> {
  try {
    const sitemap = await fetchPage(url);
    const pages = sitemapUrls(sitemap.body, sitemap.url, MAX_SITEMAP_PAGES);
    if (pages.length === 0) return { fieldErrors: { url: ["That sitemap lists no pages on its own site."] } };
    return pages.map((page) => ({ title: page, sourceType: "url" as const, source: Buffer.alloc(0), sourceUrl: page, tags }));
  } catch (error) {
    if (error instanceof PageFetchError) return { fieldErrors: { url: [error.message] } };
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const isUpload = request.headers.get("content-type")?.startsWith("multipart/form-data");
  const form = isUpload
    ? await readVerifiedUpload(request, { maxFileBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_FILES_PER_UPLOAD })
    : await readVerifiedForm(request);
  const intent = String(form.get("intent"));

  let documents: NewDocument[] | Result;
  if (intent === "files") {
    documents = await documentsFromUpload(form);
  } else if (intent === "text") {
    const parsed = parseForm(TextSchema, form);
    documents = parsed.ok
      ? [{ title: parsed.data.title, sourceType: "text", source: Buffer.from(parsed.data.text), tags: parsed.data.tags }]
      : { fieldErrors: parsed.fieldErrors };
  } else if (intent === "faq") {
    const parsed = parseForm(FaqSchema, form);
    documents = parsed.ok
      ? [{ title: parsed.data.question, sourceType: "faq", source: Buffer.from(JSON.stringify({ question: parsed.data.question, answer: parsed.data.answer })), tags: parsed.data.tags }]
      : { fieldErrors: parsed.fieldErrors };
  } else if (intent === "url" || intent === "sitemap") {
    const parsed = parseForm(UrlSchema, form);
    if (!parsed.ok) documents = { fieldErrors: parsed.fieldErrors };
    else if (intent === "url") documents = [{ title: parsed.data.url, sourceType: "url", source: Buffer.alloc(0), sourceUrl: parsed.data.url, tags: parsed.data.tags }];
    else documents = await documentsFromSitemap(parsed.data.url, parsed.data.tags);
  } else {
    return data<Result>({ formError: "Unknown action." }, { status: 400 });
  }
  if (!Array.isArray(documents)) return data<Result>({ ...documents, intent }, { status: 400 });

  const outcomes: AddOutcome[] = await addDocuments({ actor: user, documents });
  const unchanged = outcomes.filter((outcome) => outcome.status === "unchanged").length;
  const query = unchanged ? `?unchanged=${unchanged}` : "";
  return redirect(`/dashboard/knowledge${query}`);
}

function Section({ title, intent, children, multipart = false, submit }: { title: string; intent: string; children: React.ReactNode; multipart?: boolean; submit: string }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Panel title={title}>
      <Form method="post" encType={multipart ? "multipart/form-data" : undefined} className="space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {children}
        <SubmitButton pending={pending}>{submit}</SubmitButton>
      </Form>
    </Panel>
  );
}

export default function AddKnowledgePage() {
  const result = useActionData<typeof action>();
  const { prefill } = useLoaderData<typeof loader>();
  const errorsFor = (intent: string) => (result?.intent === intent ? result.fieldErrors : undefined);
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/knowledge" className="text-brand-700 hover:underline">← Knowledge</Link>
      </p>
      <PageHeader title="Add knowledge" description="Everything you add is split into passages, indexed and searchable by your assistant within moments." />
      <FormError message={result?.formError} />
      <Section title="Upload files" intent="files" multipart submit="Upload">
        <div>
          <label htmlFor="files" className="block text-sm font-medium text-slate-700">Files (.txt, .md, .html, .pdf, .docx; up to 20 MB each)</label>
          <input id="files" name="files" type="file" multiple accept=".txt,.md,.markdown,.html,.htm,.pdf,.docx" className="mt-1 block w-full text-sm" aria-describedby="files-error" />
          {errorsFor("files")?.files ? <p id="files-error" className="mt-1 text-sm text-red-700">{errorsFor("files")?.files?.[0]}</p> : null}
        </div>
        <TextField label="Tags (comma separated)" name="tags" />
      </Section>
      <Section title="Paste text" intent="text" submit="Add text">
        <TextField label="Title" name="title" required maxLength={300} defaultValue={prefill.title} errors={errorsFor("text")?.title} />
        <div>
          <label htmlFor="text" className="block text-sm font-medium text-slate-700">Text (Markdown headings and lists are understood)</label>
          <textarea id="text" name="text" rows={10} defaultValue={prefill.content} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-describedby="text-error" />
          {errorsFor("text")?.text ? <p id="text-error" className="mt-1 text-sm text-red-700">{errorsFor("text")?.text?.[0]}</p> : null}
        </div>
        <TextField label="Tags (comma separated)" name="tags" errors={errorsFor("text")?.tags} />
      </Section>
      <Section title="Import a web page" intent="url" submit="Import page">
        <TextField label="Page URL" name="url" type="url" placeholder="https://example.com/help/returns" errors={errorsFor("url")?.url} />
        <TextField label="Tags (comma separated)" name="tags" />
      </Section>
      <Section title="Import a sitemap" intent="sitemap" submit="Import sitemap">
        <TextField label="Sitemap URL" name="url" type="url" placeholder="https://example.com/sitemap.xml" hint="Up to 50 pages on the same site." errors={errorsFor("sitemap")?.url} />
        <TextField label="Tags (comma separated)" name="tags" />
      </Section>
      <Section title="Add a question and answer" intent="faq" submit="Add FAQ entry">
        <TextField label="Question" name="question" maxLength={1000} errors={errorsFor("faq")?.question} />
        <div>
          <label htmlFor="answer" className="block text-sm font-medium text-slate-700">Answer</label>
          <textarea id="answer" name="answer" rows={4} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-describedby="answer-error" />
          {errorsFor("faq")?.answer ? <p id="answer-error" className="mt-1 text-sm text-red-700">{errorsFor("faq")?.answer?.[0]}</p> : null}
        </div>
        <TextField label="Tags (comma separated)" name="tags" />
      </Section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add knowledge · Helpdesk" }];
