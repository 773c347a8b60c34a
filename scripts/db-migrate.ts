// `npm run db:migrate`: apply the committed migrations to DATABASE_URL or the embedded database.
import { closeDb, databaseConfig, getDbHandle } from "@/db/client";

const config = databaseConfig();
const handle = await getDbHandle();
console.log(
  `[db:migrate] ${handle.kind === "postgres" ? "PostgreSQL" : `embedded database in ${"dataDir" in config ? config.dataDir : ""}`} is up to date`,
);
await closeDb();
