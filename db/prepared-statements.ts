import type { Sql } from "postgres";

/**
 * The postgres.js client Drizzle is given, with server-side prepared statements on. Drizzle asks
 * postgres.js for `prepare: false` unless a query is built with `.prepare(name)`, and postgres.js then
 * sends every query with parameters twice: Parse + Describe, a round trip for the parameter types,
 * then Bind + Execute, with PostgreSQL parsing the text each time. Prepared, a statement the
 * connection has seen is one Bind + Execute. The cache is per connection and ends with it
 * (postgres.js recycles connections after 30–60 min), so the many shapes of dynamic SQL stay bounded.
 * Transactions and savepoints hand out their own client; those are wrapped the same way.
 */
export function withPreparedStatements<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (scoped: Sql) => unknown;
          const open = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return Reflect.apply(open, target, [
            ...args,
            (scoped: Sql) => callback(withPreparedStatements(scoped)),
          ]);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
