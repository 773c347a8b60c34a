import { getDb } from "@/db/client";
import type { StoredEvent } from "@/lib/events/event-types";
import { type LiveEvent, subscribeLive } from "@/lib/live/subscribe-live";
import { logError } from "@/lib/log-error";
import { readEventsAfter, readEventsById, readLatestEventId } from "./read-events";

/** A stream attached to the hub. `late` marks an event whose id is below ones already delivered. */
export type LiveSink = { push: (event: StoredEvent, late: boolean) => void };

const BATCH = 500;
// Ids the hub delivered in order, kept so a notification that arrives after its row was already read
// is not taken for a late commit. Notifications trail the reads by milliseconds, so a few thousand do.
const REMEMBERED = 5_000;

/**
 * One per process: a single LISTEN (subscribeLive) and a single read per burst of notifications,
 * fanned out to every open stream, so a stream costs no database connection while idle and N streams
 * cost one query per change, not N.
 *
 * Ordering. Event ids are taken from a sequence before commit, so a transaction that started earlier
 * can commit a lower id after a higher one is visible. The hub delivers in id order and treats a gap
 * below a visible id as a transaction still in flight: it holds what follows for up to `gapWaitMs`
 * (the gap fills within milliseconds when that transaction commits; an id whose transaction rolled
 * back never fills and is skipped after the wait). A row that commits after its gap was skipped is
 * still delivered when its notification arrives, flagged late. So the stream's ids only go down in
 * that rare case, and `Last-Event-ID` is a true resume point everywhere else.
 */
export class LiveHub {
  readonly sinks = new Set<LiveSink>();
  /** Every id up to here has been delivered, skipped as a gap, or is awaited as late. */
  cursor = 0;
  /** Range reads so far (diagnostics: one per burst of changes, however many streams are open). */
  reads = 0;
  private handled = new Set<number>();
  private late = new Set<number>();
  private gap: { at: number; since: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly gapWaitMs: number) {}

  async start(): Promise<void> {
    // Listen first, then read where the sequence stands: a commit in between is seen by its notification.
    this.unsubscribe = await subscribeLive((event) => this.notified(event));
    this.cursor = await readLatestEventId(await getDb());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.gap) clearTimeout(this.gap.timer);
    this.gap = null;
  }

  private notified(event: LiveEvent): void {
    if (event.id <= this.cursor && !this.handled.has(event.id)) this.late.add(event.id);
    void this.pump();
  }

  /** Reads what is new; runs one at a time, and once more if notifications came in meanwhile. */
  pump(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.deliverLate();
          await this.deliverInOrder();
        } while (this.again && this.unsubscribe);
      } catch (error) {
        // The next notification (or gap timer) tries again; nothing is marked handled that was not sent.
        logError("[live] reading events", error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async deliverLate(): Promise<void> {
    if (this.late.size === 0) return;
    const ids = [...this.late];
    this.late.clear();
    for (const row of await readEventsById(await getDb(), ids)) {
      if (this.handled.has(row.id)) continue;
      this.remember(row.id);
      this.broadcast(row, true);
    }
  }

  private async deliverInOrder(): Promise<void> {
    const db = await getDb();
    for (;;) {
      this.reads++;
      const rows = await readEventsAfter(db, this.cursor, BATCH);
      for (const row of rows) {
        if (row.id !== this.cursor + 1 && !this.gapExpired(this.cursor + 1)) return;
        this.clearGap();
        this.cursor = row.id;
        this.remember(row.id);
        this.broadcast(row, false);
      }
      if (rows.length < BATCH) return;
    }
  }

  /** False while a gap starting at `at` is young (a timer re-reads when it would expire). */
  private gapExpired(at: number): boolean {
    const now = Date.now();
    if (this.gap?.at !== at) {
      this.clearGap();
      this.gap = { at, since: now, timer: setTimeout(() => void this.pump(), this.gapWaitMs) };
      this.gap.timer.unref?.();
    }
    return now - this.gap.since >= this.gapWaitMs;
  }

  private clearGap(): void {
    if (this.gap) clearTimeout(this.gap.timer);
    this.gap = null;
  }

  private remember(id: number): void {
    this.handled.add(id);
    if (this.handled.size > REMEMBERED) this.handled.delete(this.handled.values().next().value!);
  }

  private broadcast(row: StoredEvent, late: boolean): void {
    for (const sink of this.sinks) sink.push(row, late);
  }
}

// One hub per process (kept on globalThis so a dev-server module reload does not open a second
// LISTEN). It starts with the first stream and stops with the last, so a closed page leaves nothing running.
const key = Symbol.for("incident-manager.live-hub");
type Slot = { hub?: LiveHub; starting?: Promise<LiveHub> };
const slot: Slot = ((globalThis as Record<symbol, unknown>)[key] ??= {}) as Slot;

export function gapWaitMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.LIVE_GAP_WAIT_MS ?? 2_000);
  return Number.isFinite(value) && value >= 0 ? value : 2_000;
}

/** Adds a sink to the running hub (starting it if needed) and returns the hub. */
export async function attachSink(sink: LiveSink): Promise<LiveHub> {
  if (!slot.hub) {
    slot.starting ??= (async () => {
      const hub = new LiveHub(gapWaitMs());
      await hub.start();
      slot.hub = hub;
      return hub;
    })().finally(() => {
      slot.starting = undefined;
    });
    await slot.starting;
  }
  const hub = slot.hub!;
  hub.sinks.add(sink);
  return hub;
}

export function detachSink(sink: LiveSink): void {
  const hub = slot.hub;
  if (!hub || !hub.sinks.delete(sink)) return;
  if (hub.sinks.size === 0) {
    hub.stop();
    slot.hub = undefined;
  }
}

export const runningHub = (): LiveHub | undefined => slot.hub;

/** Open streams in this process (the cap, and tests that check a disconnect lets go). */
export function attachedSinkCount(): number {
  return slot.hub?.sinks.size ?? 0;
}
