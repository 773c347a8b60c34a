import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// DEVELOPERS.md's layering rules, checked on the source itself so a shortcut fails the unit run.
const root = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(path.join(root, file), "utf8").matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);

describe("layering", () => {
  const adapters = [...sources("app"), ...sources("components")];

  it("finds the pages, routes and components it guards", () => {
    expect(adapters.length).toBeGreaterThan(50);
  });

  it("keeps the database out of app/ and components/: they call lib/", () => {
    const offenders = adapters.filter((file) =>
      importsOf(file).some((spec) => /^(@\/db(\/|$)|drizzle-orm|postgres$|@electric-sql\/pglite)/.test(spec)),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps components from importing app/ (pages pass their actions in as props)", () => {
    const offenders = sources("components").filter((file) =>
      importsOf(file).some((spec) => spec.startsWith("@/app/")),
    );
    expect(offenders).toEqual([]);
  });

  it("writes the outbox and NOTIFYs in lib/events and the job sender only (a declaration embeds its SQL)", () => {
    const writers = sources("lib").filter((file) =>
      /\.insert\(events\)|insert into \$\{events\}|pg_notify\(/.test(
        readFileSync(path.join(root, file), "utf8"),
      ),
    );
    expect(writers.sort()).toEqual(["lib/events/record-event.ts", "lib/jobs/enqueue-job.ts"]);
  });

  it("queues jobs through lib/jobs only (pg-boss is not imported beside it)", () => {
    const offenders = [...sources("lib"), ...adapters].filter(
      (file) => !file.startsWith("lib/jobs/") && importsOf(file).some((spec) => spec === "pg-boss"),
    );
    expect(offenders).toEqual([]);
  });
});
