import { EventEmitter } from "node:events";
import type { Sql } from "postgres";
import { type DbHandle, getDbHandle } from "@/db/client";

/** The channel recordEvent notifies on; PostgreSQL and PGlite both deliver a NOTIFY only on commit. */
export const LIVE_CHANNEL = "domain_events";

/** What a live listener gets: enough to decide whether to read the row (`events` by id). */
export type LiveEvent = { id: number; type: string; incidentId: string | null };
export type LiveListener = (event: LiveEvent) => void;

// One LISTEN per database handle, fanned out in process to every subscriber: on globalThis, because
// Next bundles this module separately for instrumentation (the job runner) and for the routes (streams).
type Feed = { emitter: EventEmitter; ready: Promise<() => Promise<void>> };
const feedsKey = Symbol.for("incident-manager.live.channel-feeds");
const feeds = ((globalThis as Record<symbol, unknown>)[feedsKey] ??= new WeakMap()) as WeakMap<
  DbHandle,
  Map<string, Feed>
>;

function parse(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as LiveEvent;
    return typeof value.id === "number" && typeof value.type === "string" ? value : null;
  } catch {
    return null;
  }
}

function openFeed(handle: DbHandle, channel: string): Feed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (payload: string) => emitter.emit("payload", payload);
  const ready =
    handle.raw.kind === "pglite"
      ? handle.raw.client.listen(channel, deliver)
      : listenAcrossRestarts(handle.raw.client, channel, deliver);
  return { emitter, ready };
}

/** How often the LISTEN is re-checked after the database may have restarted. */
export const RELISTEN_INTERVAL_MS = 5_000;

/**
 * postgres.js re-issues LISTEN once when its connection closes, but if the server is still down at
 * that moment the channel is silently dropped for good. So the subscription is renewed on a timer:
 * a new listener is added and the previous one removed, which costs nothing while the channel is
 * alive (no SQL) and issues a fresh LISTEN once the server is back after a restart.
 */
async function listenAcrossRestarts(
  client: Sql,
  channel: string,
  deliver: (payload: string) => void,
): Promise<() => Promise<void>> {
  let current = await client.listen(channel, deliver);
  let stopped = false;
  const timer = setInterval(() => {
    void client
      .listen(channel, deliver)
      .then(async (next) => {
        const previous = current;
        current = next;
        await previous.unlisten();
        if (stopped) await next.unlisten();
      })
      // Still down: the next tick tries again.
      .catch(() => {});
  }, RELISTEN_INTERVAL_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current.unlisten();
  };
}

/**
 * Calls `listener` with the payload of every NOTIFY on `channel` committed from now on, by any
 * instance on the same database: one LISTEN per channel and process. Resolves once listening (so
 * nothing committed after it is missed) to an unsubscribe function. Best effort: a dropped
 * connection loses notifications, so listeners must have another way to catch up (a poll, a replay).
 */
export async function subscribeChannel(
  channel: string,
  listener: (payload: string) => void,
): Promise<() => void> {
  const handle = await getDbHandle();
  let channels = feeds.get(handle);
  if (!channels) feeds.set(handle, (channels = new Map()));
  let feed = channels.get(channel);
  if (!feed) channels.set(channel, (feed = openFeed(handle, channel)));
  await feed.ready;
  const { emitter } = feed;
  const safe = (payload: string) => {
    try {
      listener(payload);
    } catch (error) {
      console.error(`[${channel}] listener:`, (error as Error).message);
    }
  };
  emitter.on("payload", safe);
  return () => emitter.off("payload", safe);
}

/**
 * Calls `listener` for every domain event committed from now on (recordEvent's NOTIFY). A stream
 * that must not miss anything replays from the `events` table by id.
 */
export async function subscribeLive(listener: LiveListener): Promise<() => void> {
  return subscribeChannel(LIVE_CHANNEL, (payload) => {
    const event = parse(payload);
    if (event) listener(event);
  });
}
