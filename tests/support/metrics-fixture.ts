import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { updateIncident } from "@/lib/incidents/update-incident";

// A hand-built month. Every expected figure in the tests was worked out by hand from these times
// (percentiles with linear interpolation, like percentile_cont), not by running the same SQL.
const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * 60_000);
type Spec = {
  sev: string;
  services: string[];
  env?: string;
  declared: string;
  impactBefore?: number;
  investigating?: number;
  mitigated?: number;
  resolved?: number;
};
export const FIXTURE: Record<string, Spec> = {
  A: {
    sev: "SEV1",
    services: ["payment-service"],
    declared: "2026-03-02T10:00:00Z",
    impactBefore: 10,
    investigating: 5,
    mitigated: 30,
    resolved: 60,
  },
  B: {
    sev: "SEV2",
    services: ["checkout-api", "payment-service"],
    declared: "2026-03-03T12:00:00Z",
    investigating: 10,
    mitigated: 20,
    resolved: 120,
  },
  C: {
    sev: "SEV3",
    services: ["search-api"],
    declared: "2026-03-10T08:00:00Z",
    impactBefore: 30,
    investigating: 2,
    resolved: 30,
  },
  // D's reporter says impact began as it was declared: a known start, detected at once. B and E
  // report none, so MTTD leaves them out.
  D: {
    sev: "SEV2",
    services: ["payment-service"],
    declared: "2026-03-20T00:00:00Z",
    impactBefore: 0,
    investigating: 20,
  },
  E: { sev: "SEV4", services: ["search-api"], env: "staging", declared: "2026-03-25T00:00:00Z" },
  // The previous window (31 days before March) holds F only.
  F: {
    sev: "SEV1",
    services: ["payment-service"],
    declared: "2026-02-10T00:00:00Z",
    impactBefore: 20,
    investigating: 10,
    mitigated: 60,
    resolved: 240,
  },
};

/** Declares the fixture through the use cases, with the clock set to each event's time. */
export async function loadMetricsFixture(db: Db, actor: Actor) {
  for (const spec of Object.values(FIXTURE)) {
    const start = at(spec.declared);
    const { id } = await declareIncident(
      db,
      actor,
      {
        title: `Fixture ${spec.declared}`,
        severity: spec.sev,
        services: spec.services,
        environment: spec.env ?? "production",
        ...(spec.impactBefore !== undefined
          ? { impactStartedAt: at(spec.declared, -spec.impactBefore).toISOString() }
          : {}),
      },
      { now: start },
    );
    if (spec.investigating)
      await updateIncident(
        db,
        actor,
        id,
        { status: "investigating" },
        { now: at(spec.declared, spec.investigating) },
      );
    if (spec.mitigated)
      await updateIncident(
        db,
        actor,
        id,
        { status: "mitigated", mitigationSummary: "m" },
        { now: at(spec.declared, spec.mitigated) },
      );
    if (spec.resolved)
      await updateIncident(
        db,
        actor,
        id,
        { status: "resolved", resolutionSummary: "r" },
        { now: at(spec.declared, spec.resolved) },
      );
  }
}
