import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db, getDb, openDatabase } from "@/db/client";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { updateIncident } from "@/lib/incidents/update-incident";
import { queryRows, resetDatabase, responder, TEST_TARGET, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

// The grants of docs/operations.md, word for word: everything the app does, but the timeline only
// grows. Roles are global to a PostgreSQL server, so the name is unique per run.
const grants = (role: string) => [
  `CREATE ROLE ${role} LOGIN`,
  `GRANT USAGE ON SCHEMA public TO ${role}`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
  `REVOKE UPDATE, DELETE, TRUNCATE ON timeline_entries FROM ${role}`,
  `REVOKE UPDATE, TRUNCATE ON audit_events FROM ${role}`,
  `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
  `GRANT USAGE, CREATE ON SCHEMA pgboss TO ${role}`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${role}`,
];

/**
 * The app's database handle as the restricted role. PostgreSQL: a real login of that role, opened the
 * way the server opens it (migrations through DATABASE_MIGRATION_URL as the owner). PGlite has one
 * session and no logins, so there the same session switches to the role with SET ROLE.
 */
async function asAppRole(role: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const owner = await getDb();
  for (const statement of grants(role)) await owner.execute(sql.raw(statement));
  if (TEST_TARGET === "pglite") {
    await owner.execute(sql.raw(`SET ROLE ${role}`));
    return { db: owner, close: async () => void (await owner.execute(sql`RESET ROLE`)) };
  }
  const ownerUrl = process.env.DATABASE_URL!;
  const url = new URL(ownerUrl);
  url.username = role;
  process.env.DATABASE_URL = url.toString();
  process.env.DATABASE_MIGRATION_URL = ownerUrl;
  try {
    const handle = await openDatabase();
    return { db: handle.db, close: handle.close };
  } finally {
    process.env.DATABASE_URL = ownerUrl;
    delete process.env.DATABASE_MIGRATION_URL;
  }
}

async function dropRole(role: string) {
  const owner = await getDb();
  await owner.execute(sql.raw(`DROP OWNED BY ${role}`));
  await owner.execute(sql.raw(`DROP ROLE ${role}`));
}

const rowsOf = <T>(result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

const sqlState = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
      if (e.code) return e.code;
    return "no code";
  }
  return "succeeded";
};

describe("the app as a role that may only add to the timeline", () => {
  it("declares, changes and updates incidents, while UPDATE, DELETE and TRUNCATE of the timeline are denied by privilege", async () => {
    const role = `im_app_${randomBytes(4).toString("hex")}`;
    const app = await asAppRole(role);
    try {
      const [{ who }] = rowsOf<{ who: string }>(await app.db.execute(sql`select current_user as who`));
      expect(who).toBe(role);

      const incident = await declareIncident(app.db, responder, validIncident);
      await updateIncident(app.db, responder, incident.id, { status: "investigating" });
      const entry = await addTimelineEntry(app.db, responder, incident.id, {
        type: "update",
        message: "Rolled back the deploy",
      });
      expect(entry).toMatchObject({ kind: "update", message: "Rolled back the deploy" });
      const timeline = await listTimeline(app.db, responder, incident.id);
      expect(timeline.map((e) => e.kind)).toEqual(["declared", "status_changed", "update"]);

      // 42501 is insufficient_privilege: refused before the append-only trigger (P0001) would run.
      expect(await sqlState(app.db.execute(sql`update timeline_entries set message = 'rewritten'`))).toBe(
        "42501",
      );
      expect(await sqlState(app.db.execute(sql`delete from timeline_entries`))).toBe("42501");
      expect(await sqlState(app.db.execute(sql`truncate timeline_entries`))).toBe("42501");
    } finally {
      await app.close();
      await dropRole(role);
    }
    const rows = await queryRows<{ message: string | null }>(
      sql`select message from timeline_entries order by id`,
    );
    expect(rows.map((r) => r.message)).toEqual([null, null, "Rolled back the deploy"]);
  });
});
