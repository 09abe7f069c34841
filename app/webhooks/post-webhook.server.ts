import http from "node:http";
import https from "node:https";
import { guardedLookup } from "../knowledge/fetch-page.server";

/** A request that got no answer; `retryable` says whether a later attempt might. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface ReceiverAnswer {
  statusCode: number;
  /** Where a redirect pointed (redirects are not followed: the next hop would skip the address check). */
  location?: string;
  /** The start of the response body, for the delivery log. */
  excerpt: string;
}

/** Enough of a response body to tell an admin what the receiver said. */
const EXCERPT_BYTES = 1024;

function describeConnectionError(error: NodeJS.ErrnoException, url: URL): DeliveryError {
  if (error instanceof DeliveryError) return error;
  switch (error.code) {
    case "EPRIVATEADDRESS":
      return new DeliveryError("The host now resolves to a private network address; webhooks go only to public addresses.", false);
    case "ENOTFOUND":
      return new DeliveryError(`The host ${url.hostname} was not found.`, true);
    case "ECONNREFUSED":
      return new DeliveryError("The receiver refused the connection.", true);
    default:
      return new DeliveryError(`The receiver could not be reached (${error.code ?? error.message}).`, true);
  }
}

/**
 * One POST to a receiver: the connection's own DNS lookup refuses private addresses (unless
 * allowed), nothing is followed, and `timeoutMs` bounds the whole exchange. Resolves with any HTTP
 * answer (judging it is the caller's business); rejects with a DeliveryError when there is none.
 */
export function postWebhook({
  url,
  body,
  headers,
  timeoutMs,
  allowPrivateNetwork,
}: {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}): Promise<ReceiverAnswer> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    // agent: false, so no pooled socket outlives the delivery or skips the address check.
    const request = client.request(
      url,
      { method: "POST", agent: false, lookup: guardedLookup(allowPrivateNetwork), headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const answer = () => {
          clearTimeout(deadline);
          resolve({
            statusCode: response.statusCode ?? 0,
            location: response.headers.location,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8").trim(),
          });
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          // The rest of a large body tells nobody anything.
          if (received >= EXCERPT_BYTES) {
            answer();
            response.destroy();
          }
        });
        response.on("end", answer);
        response.on("error", () => answer());
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new DeliveryError(`The receiver did not answer within ${timeoutMs / 1000} seconds.`, true)),
      timeoutMs,
    );
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(describeConnectionError(error, url));
    });
    request.end(body);
  });
}
