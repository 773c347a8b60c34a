import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as metricsRoute from "@/app/api/dashboard/incidents/metrics/route";
import { call, resetDatabase, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

const declare = async (body: Record<string, unknown>) => {
  const response = await call(collection.POST, "/api/dashboard/incidents", {
    method: "POST",
    body: { ...validIncident, ...body },
  });
  expect(response.status).toBe(201);
  return response.json as { id: string };
};
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe("CSV export of the incident list", () => {
  it("has every row the filters match across pages, newest first, with hostile titles kept as text", async () => {
    const declared: string[] = [];
    for (let i = 0; i < 103; i++)
      declared.push((await declare({ title: `Disk full ${i}`, severity: i % 2 ? "SEV3" : "SEV2" })).id);
    const hostile = await declare({
      title: '=HYPERLINK("http://evil"), "quoted"\nline two',
      severity: "SEV2",
    });

    const response = await call(collection.GET, "/api/dashboard/incidents?severity=SEV2&format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="incidents.csv"');
    const rows = records(response.text);
    const sev2 = declared.filter((_, i) => i % 2 === 0);
    expect(rows.map((row) => row.id)).toEqual([hostile.id, ...sev2.reverse()]);
    expect(new Set(rows.map((row) => row.severity))).toEqual(new Set(["SEV2"]));
    expect(rows[0].title).toBe(`'=HYPERLINK("http://evil"), "quoted"\nline two`);
    expect(rows[0].services).toBe("checkout-api payment-service");
    expect(rows[0].status).toBe("declared");
    expect(Date.parse(rows[0].declared_at)).not.toBeNaN();
  });

  it("answers Accept: text/csv the same way, and JSON otherwise", async () => {
    const { id } = await declare({});
    const csv = await call(collection.GET, "/api/dashboard/incidents", { headers: { accept: "text/csv" } });
    expect(records(csv.text).map((row) => row.id)).toEqual([id]);
    const json = await call(collection.GET, "/api/dashboard/incidents?format=json", {
      headers: { accept: "text/csv" },
    });
    expect(json.json.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it("refuses a bad filter, a cursor or an unknown format with a problem, not a file", async () => {
    for (const query of ["severity=SEV9&format=csv", "cursor=abc&format=csv", "format=xml"]) {
      const response = await call(collection.GET, `/api/dashboard/incidents?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("is refused to a caller without access", async () => {
    const response = await call(collection.GET, "/api/dashboard/incidents?format=csv", { as: "anonymous" });
    expect(response.status).toBe(401);
  });
});

describe("CSV export of the metrics", () => {
  it("gives the time, frequency and services tables with the JSON answer's figures", async () => {
    await declare({ severity: "SEV1" });
    await declare({ severity: "SEV3", services: ["checkout-api"] });
    const json = (await call(metricsRoute.GET, "/api/dashboard/incidents/metrics?range=7d")).json;

    const times = await call(metricsRoute.GET, "/api/dashboard/incidents/metrics?range=7d&format=csv");
    expect(times.headers.get("content-disposition")).toContain("incident-metrics-times.csv");
    const timeRows = records(times.text);
    expect(timeRows.map((row) => row.metric)).toEqual(Object.keys(json.times));
    const mttd = timeRows.find((row) => row.metric === "mttd")!;
    expect(Number(mttd.incidents)).toBe(json.times.mttd.count);

    const frequency = records(
      (await call(metricsRoute.GET, "/api/dashboard/incidents/metrics?range=7d&format=csv&table=frequency"))
        .text,
    );
    expect(frequency.reduce((sum, row) => sum + Number(row.total), 0)).toBe(2);
    expect(frequency.reduce((sum, row) => sum + Number(row.SEV1), 0)).toBe(1);
    expect(frequency).toHaveLength(json.frequency.buckets.length);

    const services = records(
      (await call(metricsRoute.GET, "/api/dashboard/incidents/metrics?range=7d&format=csv&table=services"))
        .text,
    );
    expect(Object.fromEntries(services.map((row) => [row.service, Number(row.incidents)]))).toEqual({
      "checkout-api": 2,
      "payment-service": 1,
    });
  });

  it("refuses an unknown table with a problem", async () => {
    const response = await call(
      metricsRoute.GET,
      "/api/dashboard/incidents/metrics?format=csv&table=secrets",
    );
    expect(response.status).toBe(422);
    expect(response.json.errors[0].path).toBe("table");
  });
});
