import { type Db, getDb } from "@/db/client";
import { clientIp, untrustedClientAddress } from "@/lib/auth/request-info";
import { isConnectionError } from "@/lib/db-errors";
import { onShutdown } from "@/lib/lifecycle/graceful-shutdown";
import { RETRY_MS } from "@/lib/live/event-stream";
import { sseComment, sseRetry } from "@/lib/live/sse-message";
import { logError } from "@/lib/log-error";
import type { PublicSnapshot } from "./public-snapshot";
import { refuseReader, text } from "./serve-public-page";
import { readSnapshot, type SnapshotRef } from "./snapshot-cache";
import { watchSnapshot } from "./snapshot-watch";

/**
 * The public page's live stream: an SSE `snapshot` event carrying the revision, at once and on each
 * newer one, so the page's script re-reads the page (a cached, ETag'd answer) only when it changed.
 * It carries no content of its own and touches no table: the same in-memory snapshot as the page.
 * Anonymous readers have no user to count streams by, so the caps are per client address and per
 * process (a CDN in front fans one stream out to many readers, if it is set up to).
 */
export type PublicLiveSettings = { maxStreams: number; maxPerClient: number; heartbeatMs: number };

function positive(env: Record<string, string | undefined>, name: string, fallback: number) {
  const value = Number(env[name]?.trim() || fallback);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

export const publicLiveSettings = (env: Record<string, string | undefined> = process.env) => ({
  maxStreams: positive(env, "STATUS_LIVE_MAX_STREAMS", 1_000),
  maxPerClient: positive(env, "STATUS_LIVE_MAX_PER_CLIENT", 6),
  heartbeatMs: positive(env, "LIVE_HEARTBEAT_MS", 15_000),
});

type Registry = { open: number; byClient: Map<string, number>; closers: Set<() => void>; hooked?: boolean };
const registry = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("incident-manager.status-pages.live")
] ??= {
  open: 0,
  byClient: new Map(),
  closers: new Set(),
}) as Registry;

export const openPublicStreamCount = () => registry.open;

const encoder = new TextEncoder();
const revisionEvent = (snapshot: PublicSnapshot) =>
  encoder.encode(`event: snapshot\ndata: ${JSON.stringify({ revision: snapshot.revision })}\n\n`);

export async function servePublicLive(
  request: Request,
  ref: SnapshotRef,
  settings: PublicLiveSettings = publicLiveSettings(),
): Promise<Response> {
  let db: Db;
  let snapshot: PublicSnapshot | null;
  try {
    db = await getDb();
    snapshot = await readSnapshot(db, ref);
  } catch (error) {
    if (!isConnectionError(error)) logError("status-pages.live", error);
    return text(503, "The status page is temporarily unavailable; try again shortly.", {
      "retry-after": "5",
    });
  }
  if (!snapshot) return text(404, "There is no such status page.");
  const refused = await refuseReader(request, snapshot, false);
  if (refused) return refused;

  const client = clientIp(request.headers) ?? untrustedClientAddress(request.headers) ?? "unknown";
  const held = registry.byClient.get(client) ?? 0;
  if (registry.open >= settings.maxStreams || held >= settings.maxPerClient)
    return text(429, "Too many live status streams are open; the page still works without one.", {
      "retry-after": "30",
    });
  registry.open++;
  registry.byClient.set(client, held + 1);
  if (!registry.hooked) {
    registry.hooked = true;
    onShutdown(() => [...registry.closers].forEach((close) => close()));
  }

  let closed = false;
  let unwatch = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const write = (chunk: Uint8Array) => {
    if (closed) return;
    // A reader that stopped reading gets no more than a few events queued: it would re-read anyway.
    if ((controller.desiredSize ?? 1) <= 0) return close();
    controller.enqueue(chunk);
  };
  function close() {
    if (closed) return;
    closed = true;
    unwatch();
    clearInterval(heartbeat);
    registry.open--;
    const left = (registry.byClient.get(client) ?? 1) - 1;
    if (left > 0) registry.byClient.set(client, left);
    else registry.byClient.delete(client);
    registry.closers.delete(close);
    request.signal.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
  }
  const first = snapshot;
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        registry.closers.add(close);
        write(sseRetry(RETRY_MS));
        write(revisionEvent(first));
        unwatch = watchSnapshot(db, ref, first.revision, (next) => write(revisionEvent(next)));
        heartbeat = setInterval(() => write(sseComment("heartbeat")), settings.heartbeatMs);
        if (request.signal.aborted) return close();
        request.signal.addEventListener("abort", close);
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: 16 * 1024, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
