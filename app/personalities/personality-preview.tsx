import { useRef, useState, type FormEvent } from "react";
import { createSseParser } from "../../widget/src/api/sse";

interface PreviewTurn {
  role: "visitor" | "assistant";
  content: string;
  note?: string;
}

/**
 * A test chat that answers with the settings currently in the personality form (saved or not):
 * it posts that form's fields, plus the question and the turns so far, and shows the answer as it
 * streams. Nothing is stored.
 */
export function PersonalityPreview({ formId }: { formId: string }) {
  const [turns, setTurns] = useState<PreviewTurn[]>([]);
  const [question, setQuestion] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  async function ask(event: FormEvent) {
    event.preventDefault();
    const settingsForm = document.getElementById(formId);
    if (!(settingsForm instanceof HTMLFormElement) || !question.trim() || busy) return;
    const body = new FormData(settingsForm);
    body.set("previewQuestion", question);
    body.set("previewHistory", JSON.stringify(turns.map(({ role, content }) => ({ role, content }))));
    const history = [...turns, { role: "visitor" as const, content: question }];
    setTurns([...history, { role: "assistant", content: "" }]);
    setQuestion("");
    setProblem(null);
    setBusy(true);
    try {
      const response = await fetch("/dashboard/personalities/preview", { method: "POST", body });
      if (!response.ok || !response.body) {
        const details = (await response.json().catch(() => null)) as { fieldErrors?: Record<string, string[]> } | null;
        const firstError = details?.fieldErrors ? Object.values(details.fieldErrors).flat()[0] : undefined;
        throw new Error(firstError ?? `The preview failed (HTTP ${response.status}).`);
      }
      await readAnswer(response.body, (update) =>
        setTurns((current) => {
          const last = current[current.length - 1];
          return [...current.slice(0, -1), update(last)];
        }),
      );
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The preview failed.");
      setTurns(history);
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  return (
    <div className="space-y-3">
      <ol aria-live="polite" aria-busy={busy} className="max-h-96 space-y-2 overflow-y-auto text-sm">
        {turns.map((turn, index) => (
          <li key={index} className={turn.role === "visitor" ? "ml-8 rounded-lg bg-brand-50 p-2 text-right" : "mr-8 rounded-lg bg-slate-100 p-2"}>
            <span className="sr-only">{turn.role === "visitor" ? "You: " : "Assistant: "}</span>
            <span className="whitespace-pre-wrap">{turn.content || "…"}</span>
            {turn.note ? <span className="mt-1 block text-xs text-slate-500">{turn.note}</span> : null}
          </li>
        ))}
      </ol>
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      <form onSubmit={ask} className="flex gap-2">
        <label className="sr-only" htmlFor="preview-question">
          Preview question
        </label>
        <input
          id="preview-question"
          ref={inputRef}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          placeholder="Ask as a customer would"
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white disabled:opacity-50">
          Ask
        </button>
      </form>
    </div>
  );
}

type TurnUpdate = (turn: PreviewTurn) => PreviewTurn;

async function readAnswer(body: ReadableStream<Uint8Array>, update: (change: TurnUpdate) => void): Promise<void> {
  const decoder = new TextDecoder();
  const parser = createSseParser(({ type, data }) => {
    const payload = JSON.parse(data);
    if (type === "token") update((turn) => ({ ...turn, content: turn.content + payload.text }));
    if (type === "citations") {
      const sources = (payload.citations as { index: number; title: string; section?: string }[])
        .map((citation) => `[${citation.index}] ${citation.title}${citation.section ? ` › ${citation.section}` : ""}`)
        .join("; ");
      update((turn) => ({ ...turn, note: `Sources: ${sources}` }));
    }
    if (type === "handoff") update((turn) => ({ ...turn, note: [turn.note, payload.message].filter(Boolean).join(" · ") }));
    if (type === "error") throw new Error(payload.message);
  });
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.end();
}
