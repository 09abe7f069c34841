import { EmbeddingError } from "./provider";

/** Scales a vector to length 1, so that cosine similarity is a plain dot product. */
export function l2Normalize(vector: number[]): number[] {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const length = Math.sqrt(sumOfSquares);
  // A zero vector has no direction: it would match nothing, or NaN everything, so it is refused rather than stored.
  if (!(length > 0 && Number.isFinite(length))) {
    throw new EmbeddingError("the embedding model returned a zero or non-finite vector", false);
  }
  return vector.map((value) => value / length);
}
