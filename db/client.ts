import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";
import { runMigrations } from "./migrate";
import { withPreparedStatements } from "./prepared-statements";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The driver under Drizzle, for the few things Drizzle does not do (the job queue, LISTEN). */
export type RawClient = { kind: "pglite"; client: PGlite } | { kind: "postgres"; client: Sql; url: string };

export type DbHandle = {
  db: Db;
  /**
   * For read-only queries that tolerate replica lag (lists, metrics): DATABASE_READ_URL's pool, or
   * `db` itself when it is unset. Its sessions are read-only, so a write sent there fails loudly.
   */
  read: Db;
  kind: "pglite" | "postgres";
  raw: RawClient;
  close: () => Promise<void>;
};

export function databaseConfig() {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres" as const, url };
  const dataDir = process.env.DATA_DIR?.trim() || "./.data";
  return { kind: "pglite" as const, dataDir };
}

const TIMEOUTS = {
  statement_timeout: { env: "DB_STATEMENT_TIMEOUT_MS", fallback: 15_000 },
  lock_timeout: { env: "DB_LOCK_TIMEOUT_MS", fallback: 5_000 },
  idle_in_transaction_session_timeout: { env: "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", fallback: 30_000 },
} as const;
export type SessionTimeouts = Record<keyof typeof TIMEOUTS, number>;

/**
 * Per-session limits, in milliseconds (0 = none): a runaway query, a wait on a lock someone forgot,
 * or a transaction left open by a crashed request must not hold a pool connection (or rows) forever.
 * A bad value stops the start-up instead of silently running without a limit.
 */
export function sessionTimeouts(env: Record<string, string | undefined> = process.env): SessionTimeouts {
  const out = {} as SessionTimeouts;
  for (const [setting, { env: name, fallback }] of Object.entries(TIMEOUTS) as [
    keyof typeof TIMEOUTS,
    (typeof TIMEOUTS)[keyof typeof TIMEOUTS],
  ][]) {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${name} must be a whole number of milliseconds (0 for no limit), not "${raw}".`);
    out[setting] = value;
  }
  return out;
}

// The timeouts each handle's connections start with, so runTransaction can skip re-setting equal ones.
// On globalThis: Next bundles this module once for instrumentation (which opens the handle) and again
// for the routes (which run the transactions); a module-level map would be empty in the routes.
const timeoutsKey = Symbol.for("incident-manager.db.timeouts");
const handleTimeouts = ((globalThis as Record<symbol, unknown>)[timeoutsKey] ??= new WeakMap()) as WeakMap<
  Db,
  SessionTimeouts
>;
export const registerConnectionTimeouts = (db: Db, timeouts: SessionTimeouts) =>
  void handleTimeouts.set(db, timeouts);
export const connectionTimeouts = (db: Db): SessionTimeouts | undefined => handleTimeouts.get(db);

// Each PostgreSQL handle's serial lane, found from the handle's `db` (on globalThis, as above).
const lanesKey = Symbol.for("incident-manager.db.lanes");
const lanes = ((globalThis as Record<symbol, unknown>)[lanesKey] ??= new WeakMap()) as WeakMap<Db, Db>;

/**
 * A single connection beside `db`'s pool, for single-statement writes that all lock the same row
 * (a declaration takes the year's counter). postgres.js pipelines what is sent to it, so PostgreSQL
 * runs them back to back, each its own transaction, instead of waking a queue of pooled backends
 * on every commit: at c=10 that queue cost half of PostgreSQL's CPU per declaration and a third of
 * the throughput (decision 0096). PGlite, a transaction, or a handle opened elsewhere: `db` itself.
 */
export const serialLaneOf = (db: Db): Db => lanes.get(db) ?? db;

/**
 * Settings every app session starts with. JIT off: the app's reads are index and rollup lookups of a
 * few milliseconds, but a plan whose row estimates are off (CTEs, lateral joins) crosses
 * jit_above_cost and compiles for 1–3 s, far longer than the query runs (the follow-up metrics at
 * 1M incidents: 12 ms without JIT, 1.2–3.5 s with it). Nothing here scans enough rows to win it back.
 * No parallel workers, for the same reason: starting them costs more than they save on reads of a few
 * milliseconds, and they take the cores other requests are waiting for (the dense list and
 * similar-incidents reads at 1M ran 1.3–3× faster without; decision 0082).
 */
const SESSION = { TimeZone: "UTC", jit: "off", max_parallel_workers_per_gather: "0" } as const;

export async function openDatabase(): Promise<DbHandle> {
  const config = databaseConfig();
  const timeouts = sessionTimeouts();
  if (config.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    // UTC on the connection keeps date_trunc and friends independent of the server's setting. The
    // timeouts go in the startup packet, so every pooled connection has them from its first query.
    // Migrations use their own connection without them (an index build may rightly take longer).
    const client = postgres(config.url, { max, onnotice: () => {}, connection: { ...SESSION, ...timeouts } });
    // The app may run as a role that cannot change the schema (docs/operations.md); the owner's
    // connection string then goes in DATABASE_MIGRATION_URL.
    await runMigrations({ kind: "postgres", url: process.env.DATABASE_MIGRATION_URL?.trim() || config.url });
    // DATABASE_PREPARED_STATEMENTS=off for a pooler that cannot keep them (PgBouncer before 1.21 in transaction mode).
    const prepared = process.env.DATABASE_PREPARED_STATEMENTS?.trim() !== "off";
    const db = drizzle(prepared ? withPreparedStatements(client) : client, { schema }) as unknown as Db;
    registerConnectionTimeouts(db, timeouts);
    // One more connection, for the statements that serialise on one row whatever the pool does
    // (serialLaneOf). It is named so pg_stat_activity tells it apart.
    const laneClient = postgres(config.url, {
      max: 1,
      onnotice: () => {},
      connection: { ...SESSION, ...timeouts, application_name: "incident-manager-serial" },
    });
    const lane = drizzle(prepared ? withPreparedStatements(laneClient) : laneClient, {
      schema,
    }) as unknown as Db;
    registerConnectionTimeouts(lane, timeouts);
    lanes.set(db, lane);
    const readUrl = process.env.DATABASE_READ_URL?.trim();
    const readMax = Number(process.env.DATABASE_READ_POOL_SIZE ?? max);
    const reader = readUrl
      ? postgres(readUrl, {
          max: readMax,
          onnotice: () => {},
          connection: {
            ...SESSION,
            ...timeouts,
            default_transaction_read_only: true,
            application_name: "incident-manager-read",
          },
        })
      : null;
    const read = reader
      ? (drizzle(prepared ? withPreparedStatements(reader) : reader, { schema }) as unknown as Db)
      : db;
    if (reader) registerConnectionTimeouts(read, timeouts);
    return {
      db,
      read,
      kind: "postgres",
      raw: { kind: "postgres", client, url: config.url },
      close: async () => {
        await Promise.all([
          client.end({ timeout: 5 }),
          laneClient.end({ timeout: 5 }),
          reader?.end({ timeout: 5 }),
        ]);
      },
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = config.dataDir.startsWith("memory://");
  let release = () => {};
  let dataDir = config.dataDir;
  if (!inMemory) {
    dataDir = path.resolve(/*turbopackIgnore: true*/ config.dataDir);
    mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(
      inMemory ? config.dataDir : path.join(/*turbopackIgnore: true*/ dataDir, "pgdata"),
    );
    // PGlite has no JIT provider; the same settings keep the two backends alike.
    for (const [setting, value] of Object.entries(SESSION)) await client.exec(`SET ${setting} = '${value}'`);
    const db = drizzle(client, { schema }) as unknown as Db;
    await runMigrations({ kind: "pglite", db });
    // After the migrations, as on PostgreSQL. PGlite has one session, so SET covers every query.
    for (const [setting, ms] of Object.entries(timeouts)) await client.exec(`SET ${setting} = ${ms}`);
    registerConnectionTimeouts(db, timeouts);
    return {
      db,
      read: db,
      kind: "pglite",
      raw: { kind: "pglite", client },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// One handle per process, created on first use (not at import) so `next build` and module reloads
// do not open extra databases. A failed start is forgotten so the next call can try again.
const globalKey = Symbol.for("incident-manager.db");
type Cache = { promise?: Promise<DbHandle> };
const cache: Cache = ((globalThis as Record<symbol, unknown>)[globalKey] ??= {}) as Cache;

export function getDbHandle(): Promise<DbHandle> {
  if (!cache.promise) {
    cache.promise = openDatabase().catch((error) => {
      cache.promise = undefined;
      throw error;
    });
  }
  return cache.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** The handle for read-only queries that may run on a replica (DATABASE_READ_URL); never for writes. */
export async function getReadDb(): Promise<Db> {
  return (await getDbHandle()).read;
}

export async function closeDb(): Promise<void> {
  const pending = cache.promise;
  cache.promise = undefined;
  if (pending) await (await pending).close();
}
