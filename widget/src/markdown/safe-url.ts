const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL, normalised, when it may go into an href: absolute and http:, https: or mailto:.
 * Anything else (javascript:, data:, relative paths, garbage) gives null. Parsing with URL, rather
 * than matching the text, also defeats tricks like "java\tscript:" or upper-case schemes.
 */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
