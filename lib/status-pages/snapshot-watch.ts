import type { Db } from "@/db/client";
import { logError } from "@/lib/log-error";
import type { PublicSnapshot } from "./public-snapshot";
import { onSnapshotsRemembered, readSnapshot, type SnapshotRef } from "./snapshot-cache";

/**
 * Tells open public pages that their snapshot has a new revision. One timer per process, however
 * many readers: each tick reads every watched page from this instance's in-memory copy (which
 * refreshes itself from status_page_snapshots in the background), so a thousand open pages cost a
 * thousand map lookups, never a query each, and a slow primary only delays the news.
 */
export type SnapshotListener = (snapshot: PublicSnapshot) => void;

type Watch = { db: Db; ref: SnapshotRef; revision: number; listeners: Set<SnapshotListener> };
type State = { watches: Map<string, Watch>; timer?: ReturnType<typeof setInterval>; ticking?: boolean };
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for("incident-manager.status-pages.watch")] ??=
  {
    watches: new Map(),
  }) as State;

export function watchIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.STATUS_LIVE_POLL_MS?.trim() || 2_000);
  return Number.isSafeInteger(value) && value >= 50 ? value : 2_000;
}

const keyOf = (ref: SnapshotRef) => ("slug" in ref ? `slug:${ref.slug}` : "default");

async function tick(): Promise<void> {
  if (state.ticking) return;
  state.ticking = true;
  try {
    for (const watch of state.watches.values()) {
      const snapshot = await readSnapshot(watch.db, watch.ref).catch((error) => {
        logError("status-pages.watch", error);
        return null;
      });
      if (snapshot) notify(watch, snapshot);
    }
  } finally {
    state.ticking = false;
  }
}

function notify(watch: Watch, snapshot: PublicSnapshot) {
  if (snapshot.revision <= watch.revision) return;
  watch.revision = snapshot.revision;
  for (const listener of watch.listeners) listener(snapshot);
}

/** A change committed on this instance reaches its readers at once, not at the next tick. */
function announceSnapshots(snapshots: PublicSnapshot[]): void {
  for (const watch of state.watches.values()) {
    for (const snapshot of snapshots) {
      const ref = watch.ref;
      if ("slug" in ref ? snapshot.page.slug === ref.slug : snapshot.page.isDefault) notify(watch, snapshot);
    }
  }
}

onSnapshotsRemembered(announceSnapshots);

/** Calls `listener` with each newer revision of the page than `revision`; returns the unsubscribe. */
export function watchSnapshot(db: Db, ref: SnapshotRef, revision: number, listener: SnapshotListener) {
  const key = keyOf(ref);
  let watch = state.watches.get(key);
  if (!watch || watch.db !== db) {
    watch = { db, ref, revision, listeners: new Set() };
    state.watches.set(key, watch);
  }
  watch.revision = Math.max(watch.revision, revision);
  watch.listeners.add(listener);
  state.timer ??= setInterval(() => void tick(), watchIntervalMs());
  // A timer alone must not keep a process (a test runner, a draining server) alive.
  state.timer.unref?.();
  const current = watch;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0 && state.watches.get(key) === current) state.watches.delete(key);
    if (state.watches.size === 0 && state.timer) {
      clearInterval(state.timer);
      state.timer = undefined;
    }
  };
}

export const watchedPageCount = () => state.watches.size;
