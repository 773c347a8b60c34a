import type { Query, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { rowsOf } from "./row-from-driver";

/**
 * A hot statement whose SQL is built once: its text and parameter slots (`sql.placeholder`) are kept,
 * and each run only fills in the values. Building a Drizzle statement costs the Node process more
 * than PostgreSQL spends on a one-row update (on the alert storm path it was about a sixth of the
 * request). The name also makes it a server-side prepared statement on PostgreSQL.
 *
 * `build` gets the first handle it runs on, for Drizzle's query builders; the text does not depend on it.
 */
export function preparedStatement(name: string, build: (db: Db) => SQL) {
  let query: Query | undefined;
  return async (db: Db, values: Record<string, unknown>): Promise<Record<string, unknown>[]> => {
    query ??= new PgDialect().sqlToQuery(build(db));
    return rowsOf(await db._.session.prepareQuery(query, undefined, name, false).execute(values));
  };
}
