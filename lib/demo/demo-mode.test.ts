import { describe, expect, it } from "vitest";
import { demoDataEnabled, listenHost } from "@/lib/demo/demo-mode";

describe("listenHost", () => {
  it("keeps a demo server (embedded database, demo data on) on the loopback interface and says so", () => {
    expect(listenHost({})).toEqual({
      host: "127.0.0.1",
      note: "demo accounts: listening on 127.0.0.1 only; set HOST=0.0.0.0 to expose",
    });
    expect(listenHost({ DATA_DIR: "/srv/incidents", DEMO_DATA: "on" }).host).toBe("127.0.0.1");
  });

  it("listens everywhere with PostgreSQL, where nothing is seeded implicitly", () => {
    expect(listenHost({ DATABASE_URL: "postgres://app@db:5432/incidents" })).toEqual({ host: "0.0.0.0" });
  });

  it("listens everywhere when the demo data is switched off", () => {
    expect(listenHost({ DEMO_DATA: "off" })).toEqual({ host: "0.0.0.0" });
  });

  it("an explicit HOST always wins", () => {
    expect(listenHost({ HOST: "0.0.0.0" })).toEqual({ host: "0.0.0.0" });
    expect(listenHost({ HOST: "10.0.0.5", DATABASE_URL: "postgres://x" })).toEqual({ host: "10.0.0.5" });
    expect(listenHost({ HOST: "  " }).host).toBe("127.0.0.1");
  });
});

describe("demoDataEnabled", () => {
  it("matches when the demo organisation is loaded", () => {
    expect(demoDataEnabled({})).toBe(true);
    expect(demoDataEnabled({ DATABASE_URL: " " })).toBe(true);
    expect(demoDataEnabled({ DATABASE_URL: "postgres://x" })).toBe(false);
    expect(demoDataEnabled({ DEMO_DATA: "off" })).toBe(false);
    expect(demoDataEnabled({ DATA_DIR: "memory://test" })).toBe(false);
  });
});
