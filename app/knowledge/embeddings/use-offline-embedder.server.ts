import { afterAll } from "vitest";
import { createOfflineEmbedder, type OfflineEmbedder } from "./offline.server";

/** One offline embedder for the calling test file's tests, closed after them. Its worker starts on the first embedding. */
export function useOfflineEmbedder(): OfflineEmbedder {
  const embedder = createOfflineEmbedder();
  afterAll(async () => {
    await embedder.close();
  });
  return embedder;
}
