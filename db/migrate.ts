import path from "node:path";

const migrationsFolder = () =>
  process.env.MIGRATIONS_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

// Arbitrary constant shared by every instance: the advisory lock makes concurrent start-ups of
// several servers on one PostgreSQL apply the migrations once, one after the other.
const MIGRATION_LOCK_ID = 724_031_117;

// The PGlite handle is typed by the caller (db/client.ts); taking it as unknown keeps this module free of
// an import back into the client.
type Target = { kind: "pglite"; db: unknown } | { kind: "postgres"; url: string };

export async function runMigrations(target: Target): Promise<void> {
  if (target.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(target.db as never, { migrationsFolder: migrationsFolder() });
    return;
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
