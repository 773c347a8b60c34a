import { databaseConfig, getDb } from "@/db/client";
import { DEMO_LOGINS } from "./demo-data";
import { demoDataEnabled } from "./demo-mode";
import { seedDemo } from "./seed-demo";

/**
 * On the first start of an empty embedded database, load the demo. PostgreSQL is never seeded
 * implicitly (`npm run db:seed` does it on purpose), nor is an in-memory test database.
 */
export async function ensureDemoData(): Promise<void> {
  const config = databaseConfig();
  if (config.kind !== "pglite" || !demoDataEnabled(process.env)) return;
  const db = await getDb();
  const started = Date.now();
  if (await seedDemo(db)) {
    console.log(`[demo] loaded demo data into ${config.dataDir} in ${Date.now() - started} ms`);
    console.log("[demo] sign in with one of these demo-only accounts (shown once):");
    for (const login of DEMO_LOGINS)
      console.log(`[demo]   ${login.role.padEnd(9)} ${login.email} / ${login.password}`);
  }
}
