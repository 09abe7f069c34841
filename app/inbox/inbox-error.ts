import { UserFacingError } from "../utils/errors";

export type InboxErrorCode = "not_found" | "forbidden" | "conflict" | "invalid";

const STATUS_OF: Record<InboxErrorCode, 400 | 403 | 404 | 409> = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 };

/**
 * A refusal an agent can act on ("Already claimed by Alex", "Reopen it first"). The code tells
 * callers what kind it is; pages show the message next to the form that caused it.
 */
export class InboxError extends UserFacingError {
  constructor(
    readonly code: InboxErrorCode,
    message: string,
    field?: string,
  ) {
    super(message, STATUS_OF[code], field);
  }
}

export function escalationNotFound(): InboxError {
  return new InboxError("not_found", "That escalation was not found. It may belong to another workspace.");
}
