import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The /workflows editor imports this module in the browser: it must stay free of the database, Node
// APIs and anything else outside its own folder.
describe("the condition module", () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

  it.each(sources)("%s imports only files of its own folder", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.filter((spec) => !spec.startsWith("./"))).toEqual([]);
  });

  it.each(sources)("%s uses neither eval nor Function nor regular expressions", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    expect(text).not.toMatch(/\beval\s*\(|new Function|\bRegExp\b|\.(match|test|replace)\(\//);
  });
});
