import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/database-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file has its own database (in-memory PGlite or a throw-away PostgreSQL database),
          // so files may run in parallel; two workers fit this 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
