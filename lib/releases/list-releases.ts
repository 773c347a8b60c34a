import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ListReleasesQuery, type ReleaseView } from "./schemas";
import { toReleaseView } from "./to-view";

const encodeCursor = (deployedAt: Date, id: string) =>
  Buffer.from(JSON.stringify([deployedAt.toISOString(), id])).toString("base64url");

function decodeCursor(value: string) {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (
      typeof id !== "string" ||
      id.includes("\u0000") ||
      typeof at !== "string" ||
      Number.isNaN(Date.parse(at))
    )
      throw new Error("bad cursor");
    return { at, id };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out; start again without it." },
    ]);
  }
}

/** Releases, most recently deployed first, keyset-paged. */
export async function listReleases(
  db: Db,
  actor: Actor,
  rawQuery: unknown,
): Promise<{ items: ReleaseView[]; nextCursor: string | null }> {
  authorize(actor, "releases.read");
  const query = parseInput(ListReleasesQuery, rawQuery);
  const where: SQL[] = [];
  if (query.service) where.push(eq(releases.service, query.service));
  if (query.environment) where.push(eq(releases.environment, query.environment));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push(sql`(${releases.deployedAt}, ${releases.id}) < (${cursor.at}::timestamptz, ${cursor.id})`);
  }
  const rows = await db
    .select()
    .from(releases)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(releases.deployedAt), desc(releases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toReleaseView),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.deployedAt, last.id) : null,
  };
}

/** Deployments of some services in one environment within a time window, oldest first (chart markers, suggestions). */
export async function releasesInWindow(
  db: Db,
  filter: { services: string[]; environment: string; from: Date; to: Date },
): Promise<ReleaseView[]> {
  if (filter.services.length === 0) return [];
  const rows = await db
    .select()
    .from(releases)
    .where(
      and(
        inArray(releases.service, filter.services),
        eq(releases.environment, filter.environment),
        gte(releases.deployedAt, filter.from),
        lte(releases.deployedAt, filter.to),
      ),
    )
    .orderBy(asc(releases.deployedAt), asc(releases.id))
    .limit(200);
  return rows.map(toReleaseView);
}

/** Deployments of an incident's services in its environment within a chart window (the release markers). */
export async function listIncidentReleases(
  db: Db,
  actor: Actor,
  incident: { services: string[]; environment: string },
  window: { from: number; to: number },
) {
  authorize(actor, "releases.read");
  return releasesInWindow(db, {
    services: incident.services,
    environment: incident.environment,
    from: new Date(window.from),
    to: new Date(window.to),
  });
}
