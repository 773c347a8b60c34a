// `npm run db:seed`: load the demo organisation on purpose (PostgreSQL is never seeded implicitly).
import { closeDb, getDb } from "@/db/client";
import { DEMO_LOGINS } from "@/lib/demo/demo-data";
import { seedDemo } from "@/lib/demo/seed-demo";

const db = await getDb();
const loaded = await seedDemo(db);
console.log(
  loaded
    ? "[db:seed] demo data loaded"
    : "[db:seed] the database already has users or incidents; nothing loaded",
);
if (loaded)
  for (const login of DEMO_LOGINS)
    console.log(`[db:seed]   ${login.role.padEnd(9)} ${login.email} / ${login.password}  (demo only)`);
await closeDb();
