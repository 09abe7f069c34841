// Test stand-in for offline-worker.mjs, same protocol, no model. Each text's vector is [batches this worker answered
// before, 1], which shows whether a batch went to a fresh worker and whether dropped batches were ever run. Asked to
// embed "crash", it dies of an uncaught exception, as a bug or an out-of-memory in the real worker would.
import { parentPort } from "node:worker_threads";

let batchesAnswered = 0;

parentPort.on("message", ({ texts }) => {
  if (texts.includes("crash")) throw new Error("simulated crash");
  parentPort.postMessage({ vectors: texts.map(() => [batchesAnswered, 1]) });
  batchesAnswered++;
});
