import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageSnapshots } from "@/db/status-pages-schema";
import { logError } from "@/lib/log-error";
import type { PublicSnapshot } from "./public-snapshot";

/**
 * Each instance keeps the latest snapshot of every page in memory, keyed by page id and revision
 * (docs/decisions/0110-status-page-snapshot.md). A reader is answered from memory at once; a copy
 * older than `maxAgeMs` starts one refresh from status_page_snapshots in the background, so a slow
 * primary delays how soon another instance's change shows, never the answer. Only a cold instance
 * (no copy yet) waits for the table. Per database handle, so tests can play several instances.
 */
type State = {
  byId: Map<string, PublicSnapshot>;
  loadedAt: number | null;
  refreshing: Promise<void> | null;
};

// On globalThis, as db/client.ts keeps its maps: Next may bundle this module more than once per process.
const statesKey = Symbol.for("incident-manager.status-pages.snapshots");
const states = ((globalThis as Record<symbol, unknown>)[statesKey] ??= new WeakMap()) as WeakMap<Db, State>;
export const SNAPSHOT_MAX_AGE_MS = 1_000;

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) states.set(db, (state = { byId: new Map(), loadedAt: null, refreshing: null }));
  return state;
}

/** A newer revision replaces an older one; never the other way round (a refresh may read a lagging copy). */
function keep(state: State, snapshot: PublicSnapshot) {
  const current = state.byId.get(snapshot.page.id);
  if (!current || current.revision < snapshot.revision) state.byId.set(snapshot.page.id, snapshot);
}

const rememberedKey = Symbol.for("incident-manager.status-pages.remembered");
const remembered = ((globalThis as Record<symbol, unknown>)[rememberedKey] ??= new Set()) as Set<
  (snapshots: PublicSnapshot[]) => void
>;

/** Called after each commit's rememberSnapshots on this instance (the live page's watcher). */
export function onSnapshotsRemembered(listener: (snapshots: PublicSnapshot[]) => void): void {
  remembered.add(listener);
}

/** After a commit on this instance: its readers see the change without waiting for a refresh. */
export function rememberSnapshots(db: Db, snapshots: PublicSnapshot[]): void {
  const state = stateOf(db);
  for (const snapshot of snapshots) keep(state, snapshot);
  for (const listener of remembered) listener(snapshots);
}

/** Reads the revisions (a few small rows) and fetches only the bodies that moved. */
async function refresh(db: Db, state: State): Promise<void> {
  const startedAt = Date.now();
  const revisions = await db
    .select({ pageId: statusPageSnapshots.pageId, revision: statusPageSnapshots.revision })
    .from(statusPageSnapshots);
  const stale = revisions.filter((row) => (state.byId.get(row.pageId)?.revision ?? -1) < row.revision);
  const bodies = stale.length
    ? await db
        .select({ body: statusPageSnapshots.body })
        .from(statusPageSnapshots)
        .where(
          stale.length === 1
            ? eq(statusPageSnapshots.pageId, stale[0].pageId)
            : inArray(
                statusPageSnapshots.pageId,
                stale.map((row) => row.pageId),
              ),
        )
    : [];
  for (const { body } of bodies) keep(state, body as PublicSnapshot);
  // A page deleted elsewhere disappears here too.
  const present = new Set(revisions.map((row) => row.pageId));
  for (const id of state.byId.keys()) if (!present.has(id)) state.byId.delete(id);
  state.loadedAt = startedAt;
}

function startRefresh(db: Db, state: State): Promise<void> {
  state.refreshing ??= refresh(db, state).finally(() => {
    state.refreshing = null;
  });
  return state.refreshing;
}

export type SnapshotRef = { slug: string } | { default: true };

/** The page's latest snapshot this instance knows, or null when there is no such page. */
export async function readSnapshot(
  db: Db,
  ref: SnapshotRef,
  options: { maxAgeMs?: number } = {},
): Promise<PublicSnapshot | null> {
  const state = stateOf(db);
  if (state.loadedAt === null) await startRefresh(db, state);
  else if (Date.now() - state.loadedAt > (options.maxAgeMs ?? SNAPSHOT_MAX_AGE_MS))
    startRefresh(db, state).catch((error) => logError("status-pages.snapshot-refresh", error));
  for (const snapshot of state.byId.values()) {
    if ("slug" in ref ? snapshot.page.slug === ref.slug : snapshot.page.isDefault) return snapshot;
  }
  return null;
}

/** Waits for a background refresh in flight (tests, diagnostics). */
export async function settleSnapshots(db: Db): Promise<void> {
  await states.get(db)?.refreshing;
}

/** Drops this instance's copies (tests that empty the database between cases). */
export function forgetSnapshots(db: Db): void {
  states.delete(db);
}
