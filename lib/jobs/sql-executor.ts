import type { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";

// pg-boss runs every statement through `executeSql(text, values)` and reads `{ rows }`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqlExecutor = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> };

/**
 * pg-boss leaves unset options `undefined` (postgres.js refuses those) and hands job data over as
 * objects; JSON text is accepted for json/jsonb parameters by every driver.
 */
export function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value))
    return JSON.stringify(value);
  return value;
}

/** The app's PGlite instance: pg-boss shares it (PGlite serialises queries and transactions itself). */
export function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      // Without parameters pg-boss sends scripts of several statements (BEGIN … COMMIT), which only
      // the simple protocol (`exec`) runs.
      if (!values || values.length === 0) {
        try {
          const results = await client.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        } catch (error) {
          // A failed BEGIN … COMMIT script would leave the one shared session inside an aborted transaction.
          if (/\bBEGIN\b/.test(text)) await client.exec("ROLLBACK").catch(() => {});
          throw error;
        }
      }
      const result = await client.query(text, values.map(toParam));
      return { rows: result.rows };
    },
  };
}

/**
 * Runs pg-boss's SQL on a Drizzle transaction (or database), so a job is inserted in the caller's
 * transaction: it exists exactly when the change that asked for it commits. `$n` parameters become
 * Drizzle parameters; pg-boss's statements hold no `$n` inside literals.
 */
export function drizzleExecutor(tx: Db): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      return { rows: rowsOf(await tx.execute(sqlFromPgBoss(text, values))) };
    },
  };
}

/** pg-boss's `$n` statement as Drizzle SQL; `swap` puts SQL of the caller's in place of some `$n`. */
export function sqlFromPgBoss(text: string, values: unknown[], swap: Record<number, SQL> = {}): SQL {
  const chunks: SQL[] = text
    .split(/\$(\d+)/)
    .map((part, index) =>
      index % 2 === 1 ? (swap[Number(part)] ?? sql`${toParam(values[Number(part) - 1])}`) : sql.raw(part),
    );
  return sql.join(chunks);
}
