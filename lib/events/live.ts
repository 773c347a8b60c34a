import { EventEmitter } from "node:events";
import { type DbHandle, getDbHandle } from "@/db/client";

/** The channel recordEvent notifies on; PostgreSQL and PGlite both deliver a NOTIFY only on commit. */
export const LIVE_CHANNEL = "domain_events";

/** What a live listener gets: enough to decide whether to read the row (`events` by id). */
export type LiveEvent = { id: number; type: string; incidentId: string | null };
export type LiveListener = (event: LiveEvent) => void;

// One LISTEN per database handle, fanned out in process to every subscriber.
type Feed = { emitter: EventEmitter; ready: Promise<() => Promise<void>> };
const feeds = new WeakMap<DbHandle, Feed>();

function parse(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as LiveEvent;
    return typeof value.id === "number" && typeof value.type === "string" ? value : null;
  } catch {
    return null;
  }
}

function openFeed(handle: DbHandle): Feed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (payload: string) => {
    const event = parse(payload);
    if (event) emitter.emit("event", event);
  };
  const ready =
    handle.raw.kind === "pglite"
      ? handle.raw.client.listen(LIVE_CHANNEL, deliver)
      : handle.raw.client.listen(LIVE_CHANNEL, deliver).then((meta) => () => meta.unlisten());
  return { emitter, ready };
}

/**
 * Calls `listener` for every event committed from now on, by any instance on the same database.
 * Resolves once listening (so nothing committed after it is missed) to an unsubscribe function.
 * Delivery is best effort (a dropped connection loses notifications); a stream that must not miss
 * anything replays from the `events` table by id.
 */
export async function subscribeLive(listener: LiveListener): Promise<() => void> {
  const handle = await getDbHandle();
  let feed = feeds.get(handle);
  if (!feed) {
    feed = openFeed(handle);
    feeds.set(handle, feed);
  }
  await feed.ready;
  const { emitter } = feed;
  const safe = (event: LiveEvent) => {
    try {
      listener(event);
    } catch (error) {
      console.error("[events] live listener:", (error as Error).message);
    }
  };
  emitter.on("event", safe);
  return () => emitter.off("event", safe);
}
