import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Target } from "./webhook-target";

export const REQUEST_TIMEOUT_MS = 10_000;
// Enough to see the receiver's complaint in the log; the rest of a large answer is not read.
const MAX_ANSWER_BYTES = 2048;

export type PostResult =
  | { statusCode: number; answer: string; location?: string }
  | { statusCode: null; error: string; timedOut: boolean };

/**
 * POSTs to the checked address only: the connection's `lookup` hands back the address that
 * resolveTarget approved (TLS still verifies the certificate against the URL's host name). Redirects
 * are not followed — node:http never follows them — so a 3xx comes back as an answer like any other.
 */
export function postWebhook(
  target: Target,
  body: string,
  headers: Record<string, string>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<PostResult> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    // Once the status line has arrived the receiver has answered, whatever happens to the body.
    let answered: { statusCode: number; answer: string; location?: string } | null = null;
    const request = client.request(
      target.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "incident-manager-webhooks/1",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
        lookup: pinned,
        signal,
        agent: false,
      },
      (response) => {
        answered = { statusCode: response.statusCode ?? 0, answer: "", location: response.headers.location };
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            answer: Buffer.concat(chunks).toString("utf8").slice(0, MAX_ANSWER_BYTES),
            location: response.headers.location,
          }),
        );
        response.on("error", () => resolve({ statusCode: response.statusCode ?? 0, answer: "" }));
        // A receiver that sends its status and then stalls is cut off by the timeout: the status stands.
        response.on("close", () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            answer: Buffer.concat(chunks).toString("utf8").slice(0, MAX_ANSWER_BYTES),
            location: response.headers.location,
          }),
        );
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) resolve(answered);
      else if (signal.aborted)
        resolve({ statusCode: null, error: `Timed out after ${timeoutMs / 1000} s.`, timedOut: true });
      else
        resolve({
          statusCode: null,
          error: `Connection failed: ${error.code ?? error.message}`,
          timedOut: false,
        });
    });
    request.end(body);
  });
}
