import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eventConsumptions, events } from "@/db/events-schema";
import type { EventType, StoredEvent } from "./event-types";

/** Runs in its own transaction with the consumption mark: its writes commit once, or not at all. */
export type EventConsumer = (tx: Db, event: StoredEvent) => Promise<void>;

/**
 * Which of these event types the consumer could act on right now (e.g. the types some enabled
 * webhook subscribes to), read once per dispatched batch outside any transaction. An event it rules
 * out is skipped without a transaction or a mark: the consumer would have found nothing to do.
 */
export type ConsumerInterest = (db: Db) => Promise<ReadonlySet<string>>;

export type EventConsumerDefinition = {
  /** Stable and unique (its consumption marks carry it), e.g. `workflows.run`. */
  name: string;
  types: readonly EventType[] | "*";
  consume: EventConsumer;
  interest?: ConsumerInterest;
};
type Registration = EventConsumerDefinition;

/**
 * A consumer of domain events; list it in lib/events/consumer-list.ts (EVENT_CONSUMERS), which is
 * what dispatch hands events to. Work with effects outside the database (HTTP calls, mail) belongs in
 * a job the consumer enqueues with `enqueueJob(tx, …)`.
 */
export function defineEventConsumer(definition: EventConsumerDefinition): EventConsumerDefinition {
  return definition;
}

const wants = (registration: Registration, type: string) =>
  registration.types === "*" || (registration.types as readonly string[]).includes(type);

/** Transactions one dispatch batch runs at once: a few pool connections, the rest stay for requests. */
const DISPATCH_LANES = 3;

const groupBySubject = <T extends { incidentId: string | null; subjectId: string }>(rows: T[]) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.incidentId ?? row.subjectId;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
};

/**
 * Hands each event to every interested consumer, once per (consumer, event): the mark is inserted in
 * the consumer's transaction, so a redelivered job (or a second worker) finds it and skips, and a
 * consumer that throws leaves no mark and runs again on the job's retry. Consumers see one subject's events
 * of a job in id order, but other subjects' events and other jobs run in parallel: read current state rather than assume order.
 */
export async function dispatchEvents(
  db: Db,
  eventIds: number[],
  registrations: readonly EventConsumerDefinition[],
): Promise<void> {
  if (eventIds.length === 0) return;
  const rows = await db.select().from(events).where(inArray(events.id, eventIds)).orderBy(events.id);
  // Asked only when the batch holds an event of the consumer's types; errors count as the consumer's.
  const interests = await Promise.all(
    registrations.map((registration) =>
      registration.interest && rows.some((event) => wants(registration, event.type))
        ? registration.interest(db).catch(() => undefined)
        : undefined,
    ),
  );
  const failures: string[] = [];
  const consumeOne = async (event: (typeof rows)[number]) => {
    for (const [index, registration] of registrations.entries()) {
      if (!wants(registration, event.type)) continue;
      if (interests[index] && !interests[index].has(event.type)) continue;
      try {
        await db.transaction(async (tx) => {
          const marked = await tx
            .insert(eventConsumptions)
            .values({ consumer: registration.name, eventId: event.id })
            .onConflictDoNothing()
            .returning({ eventId: eventConsumptions.eventId });
          if (marked.length === 0) return;
          await registration.consume(tx, event);
        });
      } catch (error) {
        failures.push(`${registration.name} on event ${event.id}: ${(error as Error).message}`);
      }
    }
  };
  // Events about different subjects are independent, so a burst (one alert each) is consumed a few
  // lanes at a time instead of one transaction after another; one subject's events keep their order.
  const lanes = [...groupBySubject(rows).values()];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(DISPATCH_LANES, lanes.length) }, async () => {
      while (next < lanes.length) {
        const lane = lanes[next++];
        for (const event of lane) await consumeOne(event);
      }
    }),
  );
  if (failures.length) throw new Error(`Event consumers failed: ${failures.join("; ")}`);
}

/** Whether a consumer has applied an event (for tests and diagnostics). */
export async function hasConsumed(db: Db, consumer: string, eventId: number): Promise<boolean> {
  const rows = await db
    .select({ eventId: eventConsumptions.eventId })
    .from(eventConsumptions)
    .where(and(eq(eventConsumptions.consumer, consumer), eq(eventConsumptions.eventId, eventId)));
  return rows.length > 0;
}

/**
 * Whether an event of this type about the incident still waits for the consumer: what a page shows
 * as "being prepared" in the moment between a command's answer and its consumer's work.
 */
export async function awaitsConsumer(
  db: Db,
  consumer: string,
  incidentId: string,
  type: EventType,
): Promise<boolean> {
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .leftJoin(
      eventConsumptions,
      and(eq(eventConsumptions.eventId, events.id), eq(eventConsumptions.consumer, consumer)),
    )
    .where(and(eq(events.incidentId, incidentId), eq(events.type, type), isNull(eventConsumptions.eventId)))
    .limit(1);
  return rows.length > 0;
}
