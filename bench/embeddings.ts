import { createOfflineEmbedder } from "../app/knowledge/embeddings/offline.server";
import { formatSummary } from "./stats";

const TASKS = [
  "To reset your password",
  "To change the email address on your account",
  "To download an invoice for a past payment",
  "To invite a teammate to your workspace",
  "To add the chat widget to your website",
  "To export the history of your conversations",
  "To switch your subscription to yearly billing",
  "To turn on two-factor authentication",
  "To connect your help centre to Slack",
  "To hand a conversation over to a human agent",
  "To change the language the assistant answers in",
  "To delete a knowledge base article",
  "To update the card we charge each month",
  "To limit which pages the widget appears on",
  "To see how many questions the assistant resolved",
  "To cancel your plan before the next renewal",
  "To restore an article you archived by mistake",
  "To set the opening hours shown to visitors",
  "To import articles from a PDF or Word file",
  "To give an agent permission to edit articles",
  "To change the colours and logo of the chat widget",
  "To transfer ownership of the workspace to a colleague",
  "To add a VAT number to your invoices",
  "To remove a former employee from your team",
  "To choose which articles the assistant may quote",
];

const STEPS = [
  "open Settings from the menu in the top right corner, choose the matching section and follow the steps on screen",
  "sign in as an owner or admin, go to the Dashboard, select the item you want to change and press Save when you are done",
  "open the Team page, pick the person or record concerned and confirm the change in the dialog that appears",
  "go to Billing, scroll to the section at the bottom of the page and use the button next to the current value",
  "open the Knowledge page, use the search box to find the article and choose the action from the three-dot menu",
];

const NOTES = [
  "Changes take effect straight away for everyone in your workspace.",
  "If the button is greyed out, ask the owner of your workspace to give you the admin role first.",
  "We send a confirmation email within a few minutes; check your spam folder if it does not arrive.",
  "The change is recorded in the audit log together with your name, the time and the address you signed in from.",
  "Visitors who already have the chat open will see the update the next time they reload the page.",
  "Refunds for the unused part of the period are paid back to the original card within five to ten working days.",
  "You can undo this for thirty days; after that the data is deleted permanently and cannot be recovered by support.",
  "Contact support from the help menu if you manage more than one workspace and need the change applied to all of them.",
];

/** Distinct help-centre passages of 30–60 words, as the knowledge base would embed them. */
function helpCentreTexts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const task = TASKS[i % TASKS.length];
    const steps = STEPS[Math.floor(i / TASKS.length) % STEPS.length];
    const note = NOTES[Math.floor(i / (TASKS.length * STEPS.length)) % NOTES.length];
    const passage = `${task}, ${steps}. ${note}`;
    // Every other passage carries a second note where it fits, so lengths spread across the range real chunks have.
    const longer = `${passage} ${NOTES[(i + 3) % NOTES.length]}`;
    return i % 2 === 1 && longer.split(" ").length <= 60 ? longer : passage;
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Indexes the texts while a search query arrives every 250 ms, as when a visitor chats during a re-index. */
async function throughput(threads: number, texts: string[]): Promise<string[]> {
  const embedder = createOfflineEmbedder({ threads });
  try {
    // Every worker loads its own model on its first batch: warm them all so the figures measure embedding only.
    await Promise.all(Array.from({ length: threads }, () => embedder.embed(texts.slice(0, embedder.maxBatchSize))));
    const queryLatencies: number[] = [];
    let indexing = true;
    const queries = (async () => {
      while (indexing) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        queryLatencies.push((await timed(() => embedder.embed(["how do I get a refund for my last invoice?"])))[1]);
      }
    })();
    // CPU time of every thread in the process: unlike wall time, it does not grow when other processes share the cores.
    const cpuBefore = process.cpuUsage();
    const [, elapsed] = await timed(() => embedder.embed(texts));
    const cpu = process.cpuUsage(cpuBefore);
    indexing = false;
    await queries;
    const batches = Math.ceil(texts.length / embedder.maxBatchSize);
    const label = `${threads} worker${threads > 1 ? "s" : ""}`;
    return [
      `offline, ${label}: ${texts.length} texts in ${(elapsed / 1000).toFixed(2)} s = ${(texts.length / (elapsed / 1000)).toFixed(1)} texts/s, ` +
        `${((elapsed * threads) / batches).toFixed(0)} ms per batch of ${embedder.maxBatchSize} in each worker, ` +
        `${((cpu.user + cpu.system) / 1000 / texts.length).toFixed(1)} ms CPU per text`,
      formatSummary(`offline, ${label}: 1-text query during indexing`, queryLatencies),
    ];
  } finally {
    await embedder.close();
  }
}

export async function benchEmbeddings(): Promise<string[]> {
  const texts = helpCentreTexts(1000);
  const words = texts.map((text) => text.split(/\s+/).length);
  const lines = [`corpus: ${texts.length} help-centre passages, ${Math.min(...words)}–${Math.max(...words)} words each`];

  const embedder = createOfflineEmbedder();
  try {
    const [, load] = await timed(() => embedder.embed(["warm up"]));
    lines.push(`offline model load (worker start, model load, first one-text embed): ${load.toFixed(0)} ms`);
  } finally {
    await embedder.close();
  }

  lines.push(...(await throughput(1, texts)), ...(await throughput(2, texts)));
  return lines;
}
