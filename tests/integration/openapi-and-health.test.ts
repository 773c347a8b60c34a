import { beforeEach, describe, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import * as health from "@/app/api/health/route";
import * as fallback from "@/app/api/[...path]/route";
import { call, resetDatabase, TEST_TARGET } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

type Operation = {
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, unknown>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<
      string,
      { required?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown }
    >;
  };
};

const fetchDoc = async () => {
  const res = await call(() => Promise.resolve(openapi.GET()), "/api/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return res.json as Doc;
};

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1.0 document with the four incident routes", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/dashboard/incidents",
      "/api/dashboard/incidents/{id}",
      "/api/dashboard/incidents/{id}/timeline",
      "/api/dashboard/incidents/{id}/links",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths["/api/dashboard/incidents"]).sort()).toEqual(["get", "post"]);
    expect(
      Object.keys(doc.paths["/api/dashboard/incidents/{id}"])
        .filter((k) => k !== "parameters")
        .sort(),
    ).toEqual(["get", "patch"]);
    expect(
      Object.keys(doc.paths["/api/dashboard/incidents/{id}/timeline"])
        .filter((k) => k !== "parameters")
        .sort(),
    ).toEqual(["get", "post"]);
    expect(
      Object.keys(doc.paths["/api/dashboard/incidents/{id}/links"])
        .filter((k) => k !== "parameters")
        .sort(),
    ).toEqual(["delete", "get", "patch", "post"]);
  });

  it("documents DeclareIncidentInput with its required fields and no extra properties", async () => {
    const doc = await fetchDoc();
    const declare = doc.components.schemas.DeclareIncidentInput;
    expect([...(declare.required ?? [])].sort()).toEqual(["environment", "services", "severity", "title"]);
    expect(declare.additionalProperties).toBe(false);
    expect(Object.keys(declare.properties ?? {})).toEqual(
      expect.arrayContaining([
        "title",
        "severity",
        "status",
        "services",
        "environment",
        "description",
        "declaredBy",
        "commanderId",
        "impactStartedAt",
      ]),
    );
    const post = doc.paths["/api/dashboard/incidents"].post;
    expect(post.requestBody?.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/DeclareIncidentInput",
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "422"]));
    expect(Object.keys(doc.paths["/api/dashboard/incidents/{id}"].patch.responses)).toEqual(
      expect.arrayContaining(["200", "412", "422"]),
    );
  });

  it("documents the users answers from their zod views, without any password", async () => {
    const doc = await fetchDoc();
    expect(Object.keys(doc.components.schemas.User.properties ?? {}).sort()).toEqual([
      "email",
      "id",
      "name",
      "role",
    ]);
    expect(Object.keys(doc.components.schemas.UserListItem.properties ?? {}).sort()).toEqual([
      "createdAt",
      "disabledAt",
      "email",
      "id",
      "lockedUntil",
      "name",
      "role",
      "signInFailures",
    ]);
    expect(JSON.stringify(doc.paths["/api/settings/users"].get.responses["200"])).toContain(
      "#/components/schemas/UserListItem",
    );
    expect(JSON.stringify(doc.paths["/api/settings/users/{id}"].patch.responses["200"])).toContain(
      "#/components/schemas/User",
    );
  });

  it("documents user access management and token expiry", async () => {
    const doc = await fetchDoc();
    for (const action of ["disable", "enable", "unlock"])
      expect(Object.keys(doc.paths[`/api/settings/users/{id}/${action}`] ?? {}), action).toContain("post");
    expect(Object.keys(doc.components.schemas.CreateApiTokenInput.properties ?? {})).toEqual(
      expect.arrayContaining(["expiresAt", "expiresInDays"]),
    );
    expect(doc.components.schemas.CreateUserInput.required ?? []).not.toContain("password");
  });

  it("resolves every $ref to a schema in components", async () => {
    const doc = await fetchDoc();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const name of new Set(refs)) expect(doc.components.schemas, name).toHaveProperty([name]);
  });
});

describe("GET /api/health", () => {
  it("answers 200 with a reachable database of the kind under test", async () => {
    const res = await call(() => health.GET(), "/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.status).toBe("ok");
    expect(res.json.database.reachable).toBe(true);
    expect(res.json.database.kind).toBe(TEST_TARGET);
  });
});

describe("unknown API paths", () => {
  it("answer 404 problem+json instead of an HTML page", async () => {
    const res = await call(fallback.GET, "/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.instance).toBe("/api/nope");
  });
});
