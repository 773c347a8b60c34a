import { getDb } from "@/db/client";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { resolvePageActor } from "@/lib/http/resolve-actor";

// Server components call these: they resolve the actor and the database, then the same use case
// the API calls.
export async function listIncidentsForPage(query: Record<string, string>) {
  return listIncidents(await getDb(), await resolvePageActor(), query);
}
