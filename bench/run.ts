import { benchAnalytics } from "./analytics";
import { evaluateAnswers } from "./answer-eval/evaluate";
import { benchChat } from "./chat";
import { benchEmbeddings } from "./embeddings";
import { benchInbox } from "./inbox";
import { benchIngestion } from "./ingestion";
import { evaluateRetrieval } from "./retrieval-eval/evaluate";
import { benchRetrievalScale } from "./retrieval-scale";
import { benchStartup } from "./startup";
import { benchTenantWork } from "./tenant-work";

/** `npm run bench`: each benchmark prints its figures; pass names to run a subset. */
const BENCHMARKS: Record<string, () => Promise<string[]>> = {
  startup: benchStartup,
  "tenant-work": benchTenantWork,
  embeddings: benchEmbeddings,
  ingestion: benchIngestion,
  "retrieval-quality": evaluateRetrieval,
  "answer-quality": evaluateAnswers,
  "retrieval-scale": benchRetrievalScale,
  chat: benchChat,
  inbox: benchInbox,
  analytics: benchAnalytics,
};

const selected = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (selected.length && !selected.includes(name)) continue;
  console.log(`\n# ${name}`);
  for (const line of await run()) console.log(line);
}
