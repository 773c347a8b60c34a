// `npm run db:seed`: load the demo organisation on purpose (PostgreSQL is never seeded implicitly).
import { closeDb, getDb } from "@/db/client";
import { seedDemo } from "@/lib/demo/seed-demo";

const db = await getDb();
const loaded = await seedDemo(db);
console.log(loaded ? "[db:seed] demo data loaded" : "[db:seed] the database already has incidents; nothing loaded");
await closeDb();
