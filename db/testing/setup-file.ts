import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test is a bug the assertions missed: fail the test.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${errors.map((args) => args.join(" ")).join("\n")}`);
});

process.env.SESSION_SECRET ??= "test-session-secret-that-is-long-enough-0123456789";
