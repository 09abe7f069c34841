import { ParseError } from "./types";

/** For tests: the message of the ParseError that `run` throws or rejects with; anything else fails the test. */
export async function parseErrorMessage(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ParseError) return error.message;
    throw error;
  }
  throw new Error("Expected a ParseError, but nothing was thrown.");
}
