import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { queryRows } from "@/tests/support/harness";

// Migration 0038 on a database that already has pages: it stamps paged_at / acknowledged_at from them
// (the first page; the first acknowledgement in the page log, which a re-triggered page no longer has
// on its row) and recomputes the rollups with MTTA's new values and MTTI's.
const FOLDER = path.join(process.cwd(), "db", "migrations");
const before = mkdtempSync(path.join(tmpdir(), "migrations-0037-"));
afterAll(() => rmSync(before, { recursive: true, force: true }));

/** The migrations up to 0037 only, as a folder drizzle's migrator reads. */
function migrationsBefore0038() {
  cpSync(FOLDER, before, { recursive: true });
  const journalFile = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  for (const entry of journal.entries.filter((e) => e.idx >= 38))
    rmSync(path.join(before, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < 38);
  writeFileSync(journalFile, JSON.stringify(journal));
}

const T0 = "2026-03-10T10:00:00Z";
const plus = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe("migration 0038", () => {
  it("backfills the paging stamps from existing pages and rebuilds the MTTA and MTTI rollups", async () => {
    migrationsBefore0038();
    process.env.MIGRATIONS_DIR = before;
    // Whatever happens (a timeout on a loaded machine), the next file must not migrate from this folder.
    const db = await getDb().finally(() => delete process.env.MIGRATIONS_DIR);
    const incident = (id: string, seq: number, created: string, investigating: string) =>
      sql`insert into incidents (id, year, seq, title, severity, status, environment, declared_by, source, impact_started_at,
          created_at, investigating_at, updated_at)
        values (${id}, 2026, ${seq}, 'Old', 'SEV2', 'investigating', 'production', 'test', 'api', ${created}, ${created}, ${investigating}, ${created})`;
    await db.execute(incident("INC-2026-0001", 1, T0, plus(2)));
    await db.execute(incident("INC-2026-0002", 2, plus(60), plus(70)));
    // INC-0001: its first page was acknowledged at +5 min, then re-triggered (the row lost the
    // acknowledgement); a second page, acknowledged at +61 min, was resolved. INC-0002 was never paged.
    await db.execute(sql`insert into pages (id, incident_id, title, urgency, state, direct_targets, created_at, acknowledged_at) values
        ('pg_first', 'INC-2026-0001', 'Old', 'high', 'triggered', '[]'::jsonb, ${plus(0.5)}, null),
        ('pg_second', 'INC-2026-0001', 'Old', 'high', 'resolved', '[]'::jsonb, ${plus(60)}, ${plus(61)})`);
    await db.execute(sql`insert into page_log (page_id, kind, actor, message, at) values
        ('pg_first', 'page_triggered', 'Paging', 'Paging directly.', ${plus(0.5)}),
        ('pg_first', 'page_acknowledged', 'Alex', 'Alex acknowledged the page.', ${plus(5)}),
        ('pg_first', 'page_escalated', 'Alex', 'Escalated.', ${plus(6)}),
        ('pg_second', 'page_acknowledged', 'Alex', 'Alex acknowledged the page.', ${plus(61)})`);

    if (process.env.TEST_DB === "postgres")
      await runMigrations({ kind: "postgres", url: process.env.DATABASE_URL! });
    else await runMigrations({ kind: "pglite", db });

    const stamps = await queryRows<{ id: string; paged_at: string | null; acknowledged_at: string | null }>(
      sql`select id, paged_at::text, acknowledged_at::text from incidents order by id`,
    );
    const iso = (v: string | null) => v && new Date(v).toISOString();
    expect(stamps.map((r) => [r.id, iso(r.paged_at), iso(r.acknowledged_at)])).toEqual([
      ["INC-2026-0001", plus(0.5), plus(5)],
      ["INC-2026-0002", null, null],
    ]);
    // MTTA: 5 min (paged, to the first acknowledgement) + 10 min (not paged, to investigating);
    // MTTI: 2 + 10 min.
    const [day] = await queryRows<Record<string, string>>(
      sql`select sum(mtta_count)::int as mtta_count, sum(mtta_sum)::float8 as mtta_sum, sum(mtti_count)::int as mtti_count,
          sum(mtti_sum)::float8 as mtti_sum from incident_daily_stats where service = ''`,
    );
    expect(Object.fromEntries(Object.entries(day).map(([k, v]) => [k, Number(v)]))).toEqual({
      mtta_count: 2,
      mtta_sum: 900,
      mtti_count: 2,
      mtti_sum: 720,
    });
    const buckets = await queryRows<{ metric: string; n: number }>(
      sql`select metric, sum(n)::int as n from incident_metric_buckets where metric in ('mtta', 'mtti') group by metric order by metric`,
    );
    expect(buckets.map((b) => [b.metric, Number(b.n)])).toEqual([
      ["mtta", 2],
      ["mtti", 2],
    ]);
  });
});
