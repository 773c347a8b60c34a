import type { Db } from "@/db/client";
import { type Actor, actorKey, actorUserId } from "@/lib/actor";
import { DomainError, validationError } from "@/lib/errors";
import type { StoredEvent } from "@/lib/events/event-types";
import { logError } from "@/lib/log-error";
import { attachSink, detachSink, type LiveSink } from "./live-hub";
import { readEventRange } from "./read-events";
import { sseComment, sseEvent, sseReset, sseResumePoint, sseRetry } from "./sse-message";
import { onShutdown } from "@/lib/lifecycle/graceful-shutdown";

/** How long a browser waits before reconnecting (the SSE `retry:` hint). */
export const RETRY_MS = 3_000;
const REPLAY_BATCH = 500;
// A client that stops reading is cut off once this much is queued for it; it reconnects and
// replays from its Last-Event-ID instead of growing the server's memory.
const MAX_QUEUED_BYTES = 1024 * 1024;
const HIGH_WATER_BYTES = 64 * 1024;

export type LiveSettings = {
  heartbeatMs: number;
  maxStreams: number;
  /** Open streams one principal may hold in this process, so one viewer cannot take every slot. */
  maxStreamsPerOwner: number;
  /** Rows a reconnect replays at most; past that the client is told to re-read the page instead. */
  maxReplay: number;
};

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

export function liveSettings(env: Record<string, string | undefined> = process.env): LiveSettings {
  return {
    heartbeatMs: positive(env, "LIVE_HEARTBEAT_MS", 15_000),
    maxStreams: positive(env, "LIVE_MAX_STREAMS", 200),
    maxStreamsPerOwner: positive(env, "LIVE_MAX_STREAMS_PER_USER", 20),
    maxReplay: positive(env, "LIVE_MAX_REPLAY", 2_000),
  };
}

/** The resume point a reconnecting client sends: the Last-Event-ID header, or `?lastEventId=` for clients that cannot set headers. */
export function readLastEventId(request: Request): number | undefined {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || raw.trim() === "") return undefined;
  if (!/^\d{1,15}$/.test(raw.trim()))
    throw validationError([
      { path: "lastEventId", message: "Last-Event-ID must be an event id (a whole number)." },
    ]);
  return Number(raw.trim());
}

// Open streams in this process, counted before anything is opened so the cap holds under a burst.
type Registry = { open: number; byOwner: Map<string, number>; closers: Set<() => void>; signals?: boolean };
const counter = ((globalThis as Record<symbol, unknown>)[Symbol.for("incident-manager.live-streams")] ??= {
  open: 0,
  byOwner: new Map(),
  closers: new Set(),
}) as Registry;
counter.byOwner ??= new Map();
export const openStreamCount = () => counter.open;

/** Ends every open stream (their clients reconnect, to another instance if this one is going away). */
export function closeAllStreams(): void {
  for (const close of [...counter.closers]) close();
}

/**
 * On SIGTERM/SIGINT Next closes its HTTP server and waits for open connections to end; a live stream
 * never ends by itself, so without this a shutdown would hang for as long as any page is open.
 */
export function closeStreamsOnShutdown(): void {
  if (counter.signals) return;
  counter.signals = true;
  onShutdown(closeAllStreams);
}

/** Streams count against the person behind them: a session and that user's own tokens share one cap. */
export function liveStreamOwner(actor: Actor): string {
  const userId = actorUserId(actor);
  return userId ? `user:${userId}` : actorKey(actor);
}

export type StreamRequest = {
  request: Request;
  /** Whose stream it is (liveStreamOwner): the per-owner cap counts by it. */
  owner: string;
  /** Which events this stream carries. */
  accepts: (event: StoredEvent) => boolean;
  /** Narrows the replay query to one incident (its index). */
  incidentId?: string;
  lastEventId?: number;
  settings?: LiveSettings;
};

/**
 * An SSE response: replay after `lastEventId` from the `events` table, then live events from the
 * process's hub, each id at most once. The order matters: attach to the hub first (buffering),
 * replay up to where the hub stood, then flush the buffer, so nothing falls between the two.
 * The caller has already checked who may read what; errors before the first byte are thrown.
 */
export async function openEventStream(db: Db, options: StreamRequest): Promise<Response> {
  const settings = options.settings ?? liveSettings();
  if (counter.open >= settings.maxStreams) {
    throw new DomainError(
      "unavailable",
      `This server already has ${settings.maxStreams} live streams open; try again shortly.`,
      { retryAfter: 5 },
    );
  }
  const owned = counter.byOwner.get(options.owner) ?? 0;
  if (owned >= settings.maxStreamsPerOwner) {
    throw new DomainError(
      "rate_limited",
      `You already have ${settings.maxStreamsPerOwner} live streams open on this server; close a tab or try again shortly.`,
      { retryAfter: 5, extra: { limit: settings.maxStreamsPerOwner } },
    );
  }
  counter.open++;
  counter.byOwner.set(options.owner, owned + 1);
  const release = () => {
    counter.open--;
    const left = (counter.byOwner.get(options.owner) ?? 1) - 1;
    if (left > 0) counter.byOwner.set(options.owner, left);
    else counter.byOwner.delete(options.owner);
  };

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let buffering = true;
  let drained: (() => void) | null = null;
  const buffer: [StoredEvent, boolean][] = [];
  const sent = new Set<number>();
  let highest = 0;

  const write = (chunk: Uint8Array) => {
    if (closed) return;
    controller.enqueue(chunk);
    if ((controller.desiredSize ?? 0) < HIGH_WATER_BYTES - MAX_QUEUED_BYTES) close();
  };
  const send = (row: StoredEvent, late: boolean) => {
    if (sent.has(row.id) || (!late && row.id <= highest)) return;
    sent.add(row.id);
    if (sent.size > 5_000) sent.delete(sent.values().next().value!);
    write(sseEvent(row));
    if (row.id > highest) highest = row.id;
    else write(sseResumePoint(highest));
  };
  const sink: LiveSink = {
    push(row, late) {
      if (closed || !options.accepts(row)) return;
      if (buffering) buffer.push([row, late]);
      else send(row, late);
    },
  };

  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const onAbort = () => close();
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.request.signal.removeEventListener("abort", onAbort);
    detachSink(sink);
    release();
    counter.closers.delete(close);
    drained?.();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
  }

  let hub;
  try {
    hub = await attachSink(sink);
  } catch (error) {
    release();
    throw error;
  }
  counter.closers.add(close);
  const upTo = hub.cursor;
  highest = options.lastEventId ?? upTo;

  const replay = async () => {
    let after = options.lastEventId ?? upTo;
    let budget = settings.maxReplay;
    while (!closed && after < upTo) {
      // One row past the budget tells a cut replay from one that ends exactly at it.
      const limit = Math.min(REPLAY_BATCH, budget + 1);
      const rows = await readEventRange(db, { after, upTo, incidentId: options.incidentId, limit });
      if (rows.length > budget) {
        // A client gone for long (or a made-up Last-Event-ID of 0) would otherwise make this stream
        // read the whole table: it re-reads its page instead and follows on from the hub's cursor.
        write(sseReset(upTo));
        highest = Math.max(highest, upTo);
        break;
      }
      budget -= rows.length;
      for (const row of rows) if (options.accepts(row)) send(row, false);
      if (rows.length < limit) break;
      after = rows[rows.length - 1].id;
      while (!closed && (controller.desiredSize ?? 1) <= 0)
        await new Promise<void>((resolve) => (drained = resolve));
    }
    for (const [row, late] of buffer.splice(0)) send(row, late);
    buffering = false;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        write(sseRetry(RETRY_MS));
        write(sseComment("connected"));
        heartbeat = setInterval(() => write(sseComment("heartbeat")), settings.heartbeatMs);
        if (options.request.signal.aborted) return close();
        options.request.signal.addEventListener("abort", onAbort);
        replay().catch((error) => {
          logError("[live] replay", error);
          close();
        });
      },
      pull() {
        drained?.();
        drained = null;
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
