import dns from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { isPublicAddress } from "../knowledge/fetch-page.server";

/** Why a URL cannot receive webhooks; the message is shown to the tenant admin. */
export class WebhookUrlError extends Error {}

const PRIVATE_ADDRESS = "That address is on a private network; webhooks go only to public addresses.";

/** The host without the brackets of an IPv6 literal ("[::1]" -> "::1"). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || (ipaddr.isValid(hostname) && ipaddr.process(hostname).range() === "loopback");
}

/**
 * The rules a webhook URL must meet whenever it is used (saved or sent to): https, since events
 * carry customer data (plain http only to this machine, and only where private addresses are
 * allowed: a developer's receiver); no credentials in it; and an IP written in it must be public,
 * since Node connects to a literal address without the lookup that checks host names.
 */
export function parseWebhookUrl(raw: string, { allowPrivateNetwork }: { allowPrivateNetwork: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("Enter a full URL, such as https://example.com/helpdesk-webhook.");
  }
  const hostname = hostOf(url);
  const localHttp = url.protocol === "http:" && allowPrivateNetwork && isLoopback(hostname);
  if (url.protocol !== "https:" && !localHttp) throw new WebhookUrlError("Use an https:// URL: events carry customer data.");
  if (url.username || url.password) throw new WebhookUrlError("Leave the user name and password out of the URL: every request is signed instead.");
  if (!allowPrivateNetwork && ipaddr.isValid(hostname) && !isPublicAddress(hostname)) throw new WebhookUrlError(PRIVATE_ADDRESS);
  return url;
}

/**
 * The check when an admin saves the URL: the rules above, and every address the host resolves to
 * must be public. Sending checks the address again as it connects, since DNS answers change.
 */
export async function checkWebhookUrl(raw: string, { allowPrivateNetwork }: { allowPrivateNetwork: boolean }): Promise<URL> {
  const url = parseWebhookUrl(raw, { allowPrivateNetwork });
  if (allowPrivateNetwork || ipaddr.isValid(hostOf(url))) return url;
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(url.hostname, { all: true });
  } catch {
    throw new WebhookUrlError(`The host ${url.hostname} was not found.`);
  }
  if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) throw new WebhookUrlError(PRIVATE_ADDRESS);
  return url;
}
