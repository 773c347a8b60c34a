import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";
import { runMigrations } from "./migrate";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The driver under Drizzle, for the few things Drizzle does not do (the job queue, LISTEN). */
export type RawClient = { kind: "pglite"; client: PGlite } | { kind: "postgres"; client: Sql; url: string };

export type DbHandle = {
  db: Db;
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

export async function openDatabase(): Promise<DbHandle> {
  const config = databaseConfig();
  if (config.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    // UTC on the connection keeps date_trunc and friends independent of the server's setting.
    const client = postgres(config.url, { max, onnotice: () => {}, connection: { TimeZone: "UTC" } });
    await runMigrations({ kind: "postgres", url: config.url });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", raw: { kind: "postgres", client, url: config.url }, close: () => client.end({ timeout: 5 }) };
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
    const client = await PGlite.create(inMemory ? config.dataDir : path.join(/*turbopackIgnore: true*/ dataDir, "pgdata"));
    await client.exec("SET TIME ZONE 'UTC'");
    const db = drizzle(client, { schema }) as unknown as Db;
    await runMigrations({ kind: "pglite", db });
    return {
      db,
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

export async function closeDb(): Promise<void> {
  const pending = cache.promise;
  cache.promise = undefined;
  if (pending) await (await pending).close();
}
