import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { logError } from "@/lib/log-error";

export type Health = {
  status: "ok" | "unavailable";
  database: {
    kind: "pglite" | "postgres" | "unknown";
    reachable: boolean;
    latencyMs?: number;
    error?: string;
  };
};

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    // Once more on failure: right after the database comes back, a pooled connection opened while it
    // was down may still fail its first query, which says nothing about the database now.
    await handle.db.execute(sql`select 1`).catch(() => handle.db.execute(sql`select 1`));
    return {
      status: "ok",
      database: {
        kind: handle.kind,
        reachable: true,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      },
    };
  } catch (error) {
    // The reason goes to the server log; the public answer does not describe the database.
    logError("[health] database unreachable:", error);
    return {
      status: "unavailable",
      database: { kind: "unknown", reachable: false, error: "The database is not reachable." },
    };
  }
}
