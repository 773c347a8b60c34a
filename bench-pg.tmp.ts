import { privatePostgres } from "./e2e/support/private-postgres";
import { spawnSync } from "node:child_process";
const pg = privatePostgres(5442);
pg.init(); pg.start();
try {
  spawnSync("npx", ["tsx", "bench/cluster.ts"], { stdio: "inherit", env: { ...process.env, TEST_PG_URL: pg.url(), BENCH_PORT: "3430" } });
} finally { pg.destroy(); }
