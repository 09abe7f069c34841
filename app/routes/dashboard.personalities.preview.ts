import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { eventStreamResponse } from "~/chat/event-stream.server";
import { previewTurn } from "~/chat/preview.server";
import { MAX_VISITOR_MESSAGE_CHARS } from "~/chat/widget-api";
import { embeddingProviderFromEnv } from "~/knowledge/embeddings/index.server";
import { PersonalitySchema } from "~/personalities/personality-settings";
import { parseForm } from "~/utils/forms";

const PREVIEW_HISTORY_TURNS = 10;

const PreviewTurnsSchema = z.object({
  previewQuestion: z.string().trim().min(1, "Type a question to preview.").max(MAX_VISITOR_MESSAGE_CHARS),
  previewHistory: z
    .string()
    .default("[]")
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "The preview history is not valid JSON." });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(z.object({ role: z.enum(["visitor", "assistant"]), content: z.string().max(MAX_VISITOR_MESSAGE_CHARS * 2) }))
        .transform((turns) => turns.slice(-PREVIEW_HISTORY_TURNS)),
    ),
});

/** Streams an answer from the personality form's current, unsaved values. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const form = await readVerifiedForm(request);
  const settings = parseForm(PersonalitySchema, form);
  const turns = parseForm(PreviewTurnsSchema, form);
  if (!settings.ok || !turns.ok) {
    const fieldErrors = { ...(settings.ok ? {} : settings.fieldErrors), ...(turns.ok ? {} : turns.fieldErrors) };
    return Response.json({ fieldErrors }, { status: 400 });
  }
  const events = previewTurn({
    tenantId: user.tenant.id,
    businessName: user.tenant.name,
    personality: settings.data.personality,
    question: turns.data.previewQuestion,
    history: turns.data.previewHistory,
    embedder: embeddingProviderFromEnv(process.env),
  });
  return eventStreamResponse(events, new Headers(), (error) => ({
    event: "error",
    data: { code: "preview_failed", message: error instanceof Error ? error.message : "The preview could not answer." },
  }));
}
