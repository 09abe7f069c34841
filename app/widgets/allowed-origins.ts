/**
 * Which sites may embed a widget. Entries are stored in one canonical form, so matching an
 * `Origin` header is a string comparison: `scheme://host[:port]` (lowercase, punycode, no default
 * port) or `https://*.example.com` for every subdomain of example.com (not example.com itself).
 * Pure, so the widget form can use it in the browser and the widget API on the server.
 */
import { UserFacingError } from "../utils/errors";

export const MAX_ALLOWED_ORIGINS = 50;

const WILDCARD_PREFIX = "https://*.";
const MAX_LINE_LENGTH = 300;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function refuse(line: string, reason: string): never {
  const shown = line.length > 80 ? `${line.slice(0, 77)}…` : line;
  throw new UserFacingError(`"${shown}": ${reason}`, 400, "allowedOrigins");
}

function isDnsName(hostname: string): boolean {
  const labels = hostname.split(".");
  return hostname.length <= 253 && labels.every((label) => DNS_LABEL.test(label)) && !labels.every((label) => /^\d+$/.test(label));
}

/** The URL parser's host (lowercase, punycode, IPv4 shorthand expanded), or a refusal. */
function parseHost(line: string, scheme: string, authority: string): URL {
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch {
    refuse(line, "this is not a valid domain.");
  }
  const { hostname } = url;
  const isIp = IPV4.test(hostname) || hostname.startsWith("[");
  if (!isIp && !isDnsName(hostname)) refuse(line, "this is not a valid domain.");
  return url;
}

/**
 * Validates one line of the allowed-domains list and returns its canonical entry. Accepts
 * `https://shop.example.com`, `http://localhost:8080`, `shop.example.com` (https is assumed) and
 * `*.example.com` (any subdomain, over https). Throws a UserFacingError naming the line otherwise.
 */
export function normalizeAllowedOrigin(input: string): string {
  const line = input.trim();
  if (!line) refuse(line, "enter a domain.");
  if (line.length > MAX_LINE_LENGTH) refuse(line, "this is too long for a domain.");
  if (/[\s\u0000-\u001f\u007f\\]/.test(line)) refuse(line, "domains cannot contain spaces or control characters.");

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(line);
  // "localhost:8080" has a colon too, but what follows it is a port, not a scheme's content.
  if (!schemeMatch && /^[a-z][a-z0-9+.-]*:(?!\d+\/?$)/i.test(line)) refuse(line, "only http:// and https:// sites can embed the widget.");
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : "https";
  if (scheme !== "http" && scheme !== "https") refuse(line, "only http:// and https:// sites can embed the widget.");

  const authority = (schemeMatch ? line.slice(schemeMatch[0].length) : line).replace(/\/$/, "");
  if (authority.includes("@")) refuse(line, "remove the user name or password; enter only the domain.");
  if (/^[\d.]+\/\d+$/.test(authority)) refuse(line, "address ranges are not supported; list each site.");
  if (/[/?#]/.test(authority)) refuse(line, "remove the path or query; a site is its scheme, domain and port only.");

  if (authority.includes("*")) {
    if (authority === "*") refuse(line, "a bare * would let every site embed the widget; list the domains instead.");
    if (!authority.startsWith("*.") || authority.indexOf("*", 1) !== -1) refuse(line, "a wildcard is allowed only as the first part, as in *.example.com.");
    if (scheme !== "https") refuse(line, "wildcards match https sites only.");
    const base = parseHost(line, "https", authority.slice(2));
    if (base.port) refuse(line, "wildcards cannot have a port.");
    if (!isDnsName(base.hostname) || !base.hostname.includes(".")) refuse(line, "a wildcard needs a domain name with at least two parts, as in *.example.com.");
    return `${WILDCARD_PREFIX}${base.hostname}`;
  }
  const url = parseHost(line, scheme, authority);
  if (!url.hostname.includes(".") && !url.hostname.includes(":") && url.hostname !== "localhost") {
    refuse(line, "enter a full domain such as shop.example.com.");
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * Whether a request's `Origin` may use a widget with these entries (from normalizeAllowedOrigin).
 * Exact entries match scheme, host and port; a wildcard matches https subdomains on the default
 * port. An empty list allows no origin; the app's own origin is the caller's business.
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // An Origin header is scheme, host and port only; anything more is not an origin.
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.pathname !== "/" || url.search || url.hash) return false;
  return allowed.some((entry) => {
    if (!entry.startsWith(WILDCARD_PREFIX)) return entry === url.origin;
    const base = entry.slice(WILDCARD_PREFIX.length);
    return url.protocol === "https:" && url.port === "" && url.hostname.endsWith(`.${base}`);
  });
}
