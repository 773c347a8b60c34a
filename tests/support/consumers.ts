import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { events } from "@/db/events-schema";
import { EVENT_CONSUMERS } from "@/lib/events/consumer-list";
import { dispatchEvents, type EventConsumerDefinition } from "@/lib/events/consumers";

/**
 * What the workers do after a command commits: hands every recorded event to the consumers (each
 * applies an event once, so calling this again only handles the new ones). Tests without running
 * workers call it where the product would wait a moment, e.g. for a resolution's postmortem.
 */
export async function runConsumers(consumers: readonly EventConsumerDefinition[] = EVENT_CONSUMERS) {
  const db = await getDb();
  const ids = await db.select({ id: events.id }).from(events).orderBy(asc(events.id));
  await dispatchEvents(
    db,
    ids.map((row) => row.id),
    consumers,
  );
}
