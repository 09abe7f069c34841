import { z } from "zod";

/** A refusal the user can act on: shown next to the form (or field) that caused it. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 410 = 400,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function notFound(what: string): never {
  throw new Response(`${what} was not found.`, { status: 404, statusText: "Not Found" });
}

/** A route's id parameter; anything but a UUID is a page that does not exist (404), never a database error. */
export function idParam(value: string | undefined, what: string): string {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : notFound(what);
}

/** How an action answers a refusal: next to its field when it names one, above the form otherwise. */
export function formErrorsOf(error: UserFacingError): { fieldErrors?: Record<string, string[]>; formError?: string } {
  return error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formError: error.message };
}
