import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents } from "@/db/incidents-schema";
import { assertIncidentIdShape } from "./lock-incident";

/** A cheap existence check (one indexed row, no joins); an id that cannot be one is simply absent. */
export async function incidentExists(db: Db, id: string): Promise<boolean> {
  assertIncidentIdShape(id);
  const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id));
  return !!row;
}
