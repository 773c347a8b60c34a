import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";
import { closeDb } from "@/db/client";

// TEST_DB=postgres runs the integration suite against the real PostgreSQL, in a database of its own
// per test file (created here, dropped afterwards). Otherwise each file gets an in-memory PGlite.
const target = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
const adminUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let databaseName: string | undefined;

if (target === "postgres") {
  databaseName = `im_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
}

afterAll(async () => {
  await closeDb();
  if (databaseName) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
});
