import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import type { Actor } from "@/lib/actor";
import { ingestAlert } from "@/lib/alerts/ingest-alert";
import { mapPagerDutyEvent } from "@/lib/alerts/map-sources";
import { queryRows } from "@/tests/support/harness";

// Migration 0040 on a database with alerts: every row gets its source as scope, and a PagerDuty alert
// firing across the upgrade is taken over by the first token that acts on its key (it resolves,
// instead of firing forever beside a duplicate).
const FOLDER = path.join(process.cwd(), "db", "migrations");
const before = mkdtempSync(path.join(tmpdir(), "migrations-0039-"));
afterAll(() => rmSync(before, { recursive: true, force: true }));

function migrationsBefore0040() {
  cpSync(FOLDER, before, { recursive: true });
  const journalFile = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  for (const entry of journal.entries.filter((e) => e.idx >= 40))
    rmSync(path.join(before, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < 40);
  writeFileSync(journalFile, JSON.stringify(journal));
}

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe("migration 0040", () => {
  it("scopes existing alerts by source; a firing PagerDuty key is adopted by the next sender", async () => {
    migrationsBefore0040();
    process.env.MIGRATIONS_DIR = before;
    const db = await getDb();
    delete process.env.MIGRATIONS_DIR;
    const t = "2026-03-10T10:00:00Z";
    await db.execute(sql`insert into alerts (id, source, dedup_key, title, environment, severity, status, starts_at,
        last_seen_at, created_at, updated_at) values
      ('alt_rule', 'rule', 'rule:rul_1', 'Rule', 'production', 'critical', 'firing', ${t}, ${t}, ${t}, ${t}),
      ('alt_pd', 'pagerduty', 'disk-full', 'Old PD', 'production', 'warning', 'firing', ${t}, ${t}, ${t}, ${t}),
      ('alt_pd_old', 'pagerduty', 'disk-full', 'Older PD', 'production', 'warning', 'resolved', ${t}, ${t}, ${t}, ${t})`);

    if (process.env.TEST_DB === "postgres")
      await runMigrations({ kind: "postgres", url: process.env.DATABASE_URL! });
    else await runMigrations({ kind: "pglite", db });

    const scopes = await queryRows<{ id: string; dedup_scope: string }>(
      sql`select id, dedup_scope from alerts order by id`,
    );
    expect(scopes).toEqual([
      { id: "alt_pd", dedup_scope: "pagerduty" },
      { id: "alt_pd_old", dedup_scope: "pagerduty" },
      { id: "alt_rule", dedup_scope: "rule" },
    ]);

    const token: Actor = {
      type: "token",
      tokenName: "grafana",
      tokenId: "tok_grafana",
      role: "responder",
      scopes: null,
    };
    const resolve = mapPagerDutyEvent({ routing_key: "k", event_action: "resolve", dedup_key: "disk-full" });
    const result = await ingestAlert(db, token, resolve);
    expect(result).toMatchObject({ outcome: "resolved", alert: { id: "alt_pd" } });
    const after = await queryRows<{ id: string; status: string; dedup_scope: string }>(
      sql`select id, status, dedup_scope from alerts where id like 'alt_pd%' order by id`,
    );
    expect(after).toEqual([
      { id: "alt_pd", status: "resolved", dedup_scope: "pagerduty:token-id:tok_grafana" },
      { id: "alt_pd_old", status: "resolved", dedup_scope: "pagerduty" },
    ]);
    // The rule's key is not a PagerDuty key, before or after.
    const spoof = mapPagerDutyEvent({ routing_key: "k", event_action: "resolve", dedup_key: "rule:rul_1" });
    expect((await ingestAlert(db, token, spoof)).outcome).toBe("unchanged");
  });
});
