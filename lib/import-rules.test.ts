import { createRequire } from "node:module";
import path from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

// The rules of .dependency-cruiser.cjs (npm run check:imports) run on a fixture that breaks them on
// purpose, so a rule that silently stopped matching (a renamed folder, a wrong regex) fails here.
const root = path.resolve(import.meta.dirname, "..");
const fixture = path.join(root, "tests/fixtures/depcruise");
const config: IConfiguration = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs"));

async function violations() {
  // tsConfig names the repository's tsconfig.json; the fixture imports relatively and needs none.
  const options = { ...config.options, tsConfig: undefined };
  const result = await cruise(["lib", "db"], {
    ...options,
    baseDir: fixture,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  return (result.output as ICruiseResult).summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  }));
}

describe("import rules (.dependency-cruiser.cjs)", () => {
  it("reports a circle, a foreign table and the schema barrel, and passes the owner's own read", async () => {
    const found = await violations();
    expect(found).toEqual(
      expect.arrayContaining([
        { rule: "no-circular", from: "lib/alpha/ping.ts", to: "lib/alpha/pong.ts" },
        { rule: "foreign-table:alerts-schema", from: "lib/alpha/read-alerts.ts", to: "db/alerts-schema.ts" },
        { rule: "no-schema-barrel", from: "lib/alpha/via-barrel.ts", to: "db/schema.ts" },
      ]),
    );
    expect(found.filter((v) => v.from.startsWith("lib/alerts/"))).toEqual([]);
  });
});
