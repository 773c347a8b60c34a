import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { mapPagerDutyEvent, toAlertSeverity, toEnvironment, toSlug } from "./map-sources";

describe("label mapping", () => {
  it("turns foreign names into catalog slugs", () => {
    expect(toSlug("Payment API")).toBe("payment-api");
    expect(toSlug("  --checkout_api-- ")).toBe("checkout-api");
    expect(toSlug("")).toBeNull();
    expect(toSlug("!!!")).toBeNull();
  });

  it("maps environment aliases and defaults to production", () => {
    expect(toEnvironment("prod")).toBe("production");
    expect(toEnvironment("STAGE")).toBe("staging");
    expect(toEnvironment(undefined)).toBe("production");
    expect(toEnvironment("eu-canary")).toBe("eu-canary");
  });

  it("maps Alertmanager severities, unknown to warning", () => {
    expect(toAlertSeverity("critical")).toBe("critical");
    expect(toAlertSeverity("page")).toBe("critical");
    expect(toAlertSeverity("info")).toBe("info");
    expect(toAlertSeverity("whatever")).toBe("warning");
    expect(toAlertSeverity(undefined)).toBe("warning");
  });
});

describe("mapPagerDutyEvent", () => {
  const trigger = {
    routing_key: "k",
    event_action: "trigger",
    payload: {
      summary: "Disk full",
      source: "db-1",
      severity: "error",
      component: "Orders DB",
      group: "prod",
    },
  };

  it("maps error to critical, component to service, group to environment", () => {
    const alert = mapPagerDutyEvent({ ...trigger, dedup_key: "disk" });
    expect(alert).toMatchObject({
      action: "fire",
      dedupKey: "disk",
      severity: "critical",
      service: "orders-db",
      environment: "production",
      title: "Disk full",
    });
  });

  it("refuses resolve without dedup_key and trigger without payload", () => {
    expect(() => mapPagerDutyEvent({ routing_key: "k", event_action: "resolve" })).toThrow(DomainError);
    expect(() => mapPagerDutyEvent({ routing_key: "k", event_action: "trigger", dedup_key: "x" })).toThrow(
      DomainError,
    );
  });
});
