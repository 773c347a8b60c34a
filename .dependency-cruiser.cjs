// Import rules checked by `npm run check:imports` (a stage of `npm test`); why: docs/decisions/0104-import-rules.md.
// Violations that predate the rules are listed in .dependency-cruiser-known-violations.json (ignored by
// --ignore-known); anything new fails. Shrink that list by giving the owning domain a read function.

// Which lib/ folders may import a table file. core-schema.ts (users, catalog, sessions, API tokens,
// idempotency keys, service metrics) is the shared kernel any domain may read.
const tableOwners = {
  "incidents-schema": ["incidents"],
  "events-schema": ["events", "live"],
  "alerts-schema": ["alerts"],
  "audit-schema": ["audit"],
  "errors-schema": ["error-groups", "releases"],
  "metrics-rollup-schema": ["metrics"],
  "oncall-schema": ["oncall"],
  "postmortems-schema": ["postmortems", "action-items"],
  "reminders-schema": ["reminders"],
  "token-cache-schema": ["tokens", "oncall"],
  "webhooks-schema": ["webhooks"],
  "workflows-schema": ["workflows"],
  "paging-schema": ["paging"],
  "mail-schema": ["mail"],
  "status-pages-schema": ["status-pages"],
};

// Code that may touch any table: the schema itself, the db helpers, demo seeding, scripts, benchmarks
// and tests (which arrange rows directly).
const anyTable = ["^db/", "^lib/db/", "^lib/demo/", "^scripts/", "^bench/", "^tests/", "\\.test\\.tsx?$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module must not reach itself through its imports.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-schema-barrel",
      severity: "error",
      comment:
        "db/schema.ts re-exports every table (for drizzle-kit and the client); import the owning " +
        "db/<domain>-schema.ts instead, so table ownership stays checkable.",
      from: { pathNot: ["^db/", "^bench/"] },
      to: { path: "^db/schema\\.ts$" },
    },
    {
      name: "no-db-in-adapters",
      severity: "error",
      comment: "app/ and components/ call lib/; they never import db/ or the database drivers.",
      from: { path: "^(app|components)/" },
      to: { path: ["^db/", "(^|/)node_modules/(drizzle-orm|postgres|@electric-sql/pglite)/"] },
    },
    {
      name: "unowned-table-file",
      severity: "error",
      comment: "A new db/*-schema.ts needs an entry in tableOwners in .dependency-cruiser.cjs.",
      from: { path: "^lib/" },
      to: {
        path: "^db/[^/]+-schema\\.ts$",
        pathNot: `^db/(core-schema|${Object.keys(tableOwners).join("|")})\\.ts$`,
      },
    },
    ...Object.entries(tableOwners).map(([file, domains]) => ({
      name: `foreign-table:${file}`,
      severity: "error",
      comment:
        `db/${file}.ts belongs to lib/${domains.join(", lib/")}; other domains call a read function ` +
        "that the owner exports.",
      from: { pathNot: [`^lib/(${domains.join("|")})/`, ...anyTable] },
      to: { path: `^db/${file}\\.ts$` },
    })),
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // The fixture under tests/fixtures/depcruise breaks every rule on purpose (lib/import-rules.test.ts).
    exclude: { path: ["(^|/)node_modules/", "(^|/)\\.next/", "^tests/fixtures/"] },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type import from another domain's table file is still a dependency.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
