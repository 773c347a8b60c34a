import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sql } from "drizzle-orm";

const PATH = "/api/dashboard/incidents";
const declare = (body: unknown, headers: Record<string, string> = {}) =>
  call(collection.POST, PATH, { method: "POST", body, headers });
const incidentCount = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from incidents`))[0].n);

beforeEach(async () => {
  await resetDatabase();
});

describe("POST /api/dashboard/incidents", () => {
  it("declares an incident with a gapless ID, Location, ETag and a declared timeline entry", async () => {
    const first = await declare(validIncident);
    expect(first.status).toBe(201);
    const year = new Date().getUTCFullYear();
    expect(first.json.id).toBe(`INC-${year}-0001`);
    expect(first.json).toMatchObject({
      status: "declared",
      severity: "SEV1",
      environment: "production",
      sourceLabel: "api",
    });
    expect(first.json.services).toEqual(["checkout-api", "payment-service"]);
    expect(first.headers.get("location")).toBe(`${PATH}/INC-${year}-0001`);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(new Date(first.json.createdAt).toISOString()).toBe(first.json.createdAt);

    const second = await declare({ ...validIncident, title: "Second one" });
    expect(second.json.id).toBe(`INC-${year}-0002`);
    const entries = await queryRows<{ kind: string }>(
      sql`select kind from timeline_entries where incident_id = ${first.json.id}`,
    );
    expect(entries.map((e) => e.kind)).toEqual(["declared"]);
  });

  it("registers an unknown, well-formed service on first use", async () => {
    await declare({ ...validIncident, services: ["brand-new-svc"] });
    const rows = await queryRows<{ slug: string; name: string }>(
      sql`select slug, name from services where slug = 'brand-new-svc'`,
    );
    expect(rows).toEqual([{ slug: "brand-new-svc", name: "Brand New Svc" }]);
  });

  it("refuses malformed JSON with 400 problem+json and writes nothing", async () => {
    const res = await call(collection.POST, PATH, {
      method: "POST",
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json).toMatchObject({ status: 400, title: "Bad request" });
    expect(await incidentCount()).toBe(0);
  });

  it("refuses wrong types, missing and unknown fields with 422 and per-field errors", async () => {
    const res = await declare({
      severity: "SEV9",
      services: "payment-service",
      environment: "production",
      isAdmin: true,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["isAdmin", "services", "severity", "title"]);
    expect(await incidentCount()).toBe(0);
  });

  it("refuses an unknown environment and an unknown commander with 422", async () => {
    const env = await declare({ ...validIncident, environment: "moon-base" });
    expect(env.status).toBe(422);
    expect(env.json.errors[0].path).toBe("environment");
    const commander = await declare({ ...validIncident, commanderId: "user_nobody" });
    expect(commander.status).toBe(422);
    expect(commander.json.errors).toEqual([
      { path: "commanderId", message: 'No user with id "user_nobody".' },
    ]);
    expect(await incidentCount()).toBe(0);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await declare({ ...validIncident, description: "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json.status).toBe(413);
    expect(await incidentCount()).toBe(0);
  });

  it("refuses a non-JSON content type with 415", async () => {
    const res = await call(collection.POST, PATH, {
      method: "POST",
      rawBody: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(await incidentCount()).toBe(0);
  });

  it("replays the first answer for the same Idempotency-Key and body", async () => {
    const first = await declare(validIncident, { "idempotency-key": "key-1" });
    const again = await declare(validIncident, { "idempotency-key": "key-1" });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await incidentCount()).toBe(1);
  });

  it("refuses the same Idempotency-Key with another body with 422", async () => {
    await declare(validIncident, { "idempotency-key": "key-2" });
    const other = await declare(
      { ...validIncident, title: "Something else" },
      { "idempotency-key": "key-2" },
    );
    expect(other.status).toBe(422);
    expect(other.json.type).toContain("idempotency_mismatch");
    expect(await incidentCount()).toBe(1);
  });
});

describe("GET /api/dashboard/incidents", () => {
  it("filters and pages with a keyset cursor", async () => {
    for (let i = 0; i < 5; i++) {
      await declare({
        ...validIncident,
        title: `Outage number ${i}`,
        severity: i % 2 ? "SEV2" : "SEV3",
        services: [i < 2 ? "search-api" : "payment-service"],
      });
    }
    const first = await call(collection.GET, `${PATH}?limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.items.map((i: { title: string }) => i.title)).toEqual([
      "Outage number 4",
      "Outage number 3",
    ]);
    const second = await call(collection.GET, `${PATH}?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((i: { title: string }) => i.title)).toEqual([
      "Outage number 2",
      "Outage number 1",
    ]);
    const third = await call(collection.GET, `${PATH}?limit=2&cursor=${second.json.nextCursor}`);
    expect(third.json.items.map((i: { title: string }) => i.title)).toEqual(["Outage number 0"]);
    expect(third.json.nextCursor).toBeNull();

    const sev2 = await call(collection.GET, `${PATH}?severity=SEV2`);
    expect(sev2.json.items.map((i: { title: string }) => i.title)).toEqual([
      "Outage number 3",
      "Outage number 1",
    ]);
    const search = await call(collection.GET, `${PATH}?service=search-api&q=number%201`);
    expect(search.json.items.map((i: { title: string }) => i.title)).toEqual(["Outage number 1"]);
    const byStatus = await call(collection.GET, `${PATH}?status=resolved`);
    expect(byStatus.json.items).toEqual([]);
    expect(search.json.items[0].lastUpdate.kind).toBe("declared");
  });

  it("refuses bad filters with 422 naming the field", async () => {
    const res = await call(collection.GET, `${PATH}?severity=SEV7&limit=1000&colour=red`);
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["colour", "limit", "severity.0"]);
    const cursor = await call(collection.GET, `${PATH}?cursor=garbage`);
    expect(cursor.status).toBe(422);
    expect(cursor.json.errors[0].path).toBe("cursor");
  });
});
