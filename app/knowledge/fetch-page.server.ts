import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

/** A page that could not be imported; the message is shown to the tenant admin. */
export class PageFetchError extends Error {}

export interface FetchedPage {
  url: string;
  contentType: string;
  body: string;
}

/** Only addresses on the public internet; everything else is how server-side request forgery reaches inside. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/**
 * The address check happens in the socket's own DNS lookup, so the address connected to is the
 * address checked: a hostname that resolves differently on a second lookup (DNS rebinding) gains nothing.
 */
export function guardedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((entry) => !allowPrivateNetwork && !isPublicAddress(entry.address));
      if (refused || list.length === 0) {
        const blocked = new Error(`refused private address ${refused?.address ?? hostname}`) as NodeJS.ErrnoException;
        blocked.code = "EPRIVATEADDRESS";
        return callback(blocked, "", 0);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PageFetchError("That is not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PageFetchError("Only http and https URLs can be imported.");
  if (url.username || url.password) throw new PageFetchError("URLs with a user name or password cannot be imported.");
  return url;
}

function requestOnce(url: URL, allowPrivateNetwork: boolean, deadline: number, timeoutMs: number): Promise<{ status: number; location?: string; contentType: string; body: string }> {
  // Node connects to an IP literal without any lookup, so the lookup guard never sees it: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivateNetwork && ipaddr.isValid(literal) && !isPublicAddress(literal)) {
    const blocked = new Error(`refused private address ${literal}`) as NodeJS.ErrnoException;
    blocked.code = "EPRIVATEADDRESS";
    return Promise.reject(blocked);
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: guardedLookup(allowPrivateNetwork),
        timeout: Math.max(1, deadline - Date.now()),
        headers: { "user-agent": "HelpdeskKnowledgeImporter/1.0", accept: "text/html,application/xhtml+xml,application/xml,text/plain;q=0.8" },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          return resolve({ status, location: response.headers.location, contentType: "", body: "" });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_PAGE_BYTES) {
            request.destroy(new PageFetchError(`The page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status, contentType: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new PageFetchError(`The site did not answer within ${timeoutMs / 1000} seconds.`)));
    request.on("error", reject);
  });
}

/**
 * Fetches a page for the knowledge base: http(s) only, public addresses only (unless
 * `allowPrivateNetwork`, for tests and self-hosted intranets), at most MAX_REDIRECTS redirects,
 * MAX_PAGE_BYTES and FETCH_TIMEOUT_MS in all. Every failure is a PageFetchError with a readable reason.
 */
export async function fetchPage(rawUrl: string, { allowPrivateNetwork = false, timeoutMs = FETCH_TIMEOUT_MS } = {}): Promise<FetchedPage> {
  let url = parseTarget(rawUrl);
  const deadline = Date.now() + timeoutMs;
  for (let redirects = 0; ; redirects++) {
    let response;
    try {
      response = await requestOnce(url, allowPrivateNetwork, deadline, timeoutMs);
    } catch (error) {
      if (error instanceof PageFetchError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPRIVATEADDRESS") throw new PageFetchError("That address is on a private network and cannot be imported.");
      if (code === "ENOTFOUND") throw new PageFetchError(`The host ${url.hostname} was not found.`);
      throw new PageFetchError(`The page could not be fetched (${code ?? (error as Error).message}).`);
    }
    if (response.location !== undefined) {
      if (redirects >= MAX_REDIRECTS) throw new PageFetchError(`The page redirected more than ${MAX_REDIRECTS} times.`);
      url = parseTarget(new URL(response.location, url).toString());
      continue;
    }
    if (response.status >= 400) throw new PageFetchError(`The site answered ${response.status} for ${url.toString()}.`);
    if (!/text\/html|application\/xhtml|text\/plain|xml/.test(response.contentType)) {
      throw new PageFetchError(`The page is ${response.contentType || "of an unknown type"}, not HTML or text.`);
    }
    return { url: url.toString(), contentType: response.contentType, body: response.body };
  }
}

/** Page URLs listed in a sitemap, same host only, at most `limit`. */
export function sitemapUrls(xml: string, sitemapUrl: string, limit: number): string[] {
  const host = new URL(sitemapUrl).host;
  const urls = new Set<string>();
  for (const match of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
    try {
      const url = new URL(match[1].replace(/&amp;/g, "&"));
      if (url.host === host && (url.protocol === "http:" || url.protocol === "https:")) urls.add(url.toString());
    } catch {
      // An unparsable <loc> is skipped; the rest of the sitemap still counts.
    }
    if (urls.size >= limit) break;
  }
  return [...urls];
}
