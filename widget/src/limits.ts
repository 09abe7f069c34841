/**
 * Mirrors MAX_VISITOR_MESSAGE_CHARS in app/chat/widget-api.ts, which can't be imported as a value
 * (that module loads zod); limits.test.ts keeps the two equal.
 */
export const MAX_MESSAGE_CHARS = 4000;
