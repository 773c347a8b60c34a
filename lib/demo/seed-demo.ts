import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appMeta, services, users } from "@/db/core-schema";
import { incidents } from "@/db/incidents-schema";
import type { Actor, Role } from "@/lib/actor";
import { addLink } from "@/lib/incidents/add-link";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { markLink } from "@/lib/incidents/mark-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import type { Status } from "@/lib/incidents/lifecycle";
import { updateIncident } from "@/lib/incidents/update-incident";
import { updateService } from "@/lib/oncall/update-service";
import { createUser } from "@/lib/users/create-user";
import { DEMO_HANDOFF_HOURS, DEMO_LOGINS, DEMO_SERVICES, DEMO_USERS, SCENARIOS } from "./demo-data";
import { seedDemoMetrics } from "./seed-metrics";
import { seedIncidentSignals } from "./seed-signals";
import { seedStatusPage } from "./seed-status-page";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// A tiny deterministic PRNG (mulberry32): the demo looks the same on every machine.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const userActor = (user: (typeof DEMO_USERS)[number]): Actor => ({
  type: "user",
  userId: user.id,
  name: user.name,
  role: user.role as Role,
});

/** The status the demo leaves an incident in: the newest are still open, in every phase. */
function finalStatus(index: number, total: number): Status {
  const fromEnd = total - 1 - index;
  if (fromEnd < 2) return "declared";
  if (fromEnd < 5) return "investigating";
  if (fromEnd < 8) return "mitigated";
  return "resolved";
}

export async function hasData(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(incidents);
  const [people] = await db.select({ n: count() }).from(users);
  return Number(row.n) > 0 || Number(people.n) > 0;
}

/**
 * Loads the demo organisation: users, services and ~40 incidents over the last 90 days, through
 * the same use cases the API calls (so every timeline entry is real). Returns false if there was
 * already data.
 */
export async function seedDemo(db: Db, options: { now?: Date; incidents?: number } = {}): Promise<boolean> {
  if (await hasData(db)) return false;
  const now = options.now ?? new Date();
  const total = options.incidents ?? 40;
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];

  const system: Actor = { type: "system", name: "demo", role: "admin" };
  for (const user of DEMO_USERS) {
    const login = DEMO_LOGINS.find((l) => l.email === user.email);
    // Users without a listed login get createUser's generated password, never shown: they appear in
    // the demo but cannot sign in.
    await createUser(db, system, { ...user, password: login?.password });
  }
  await db
    .insert(services)
    .values(DEMO_SERVICES.map((s) => ({ slug: s.slug, name: s.name, ownerTeam: s.ownerTeam })))
    .onConflictDoNothing();
  // Rotations began on a Monday 09:00 UTC before the oldest incident, so every declaration has an on-call.
  const anchor = new Date(now.getTime() - 91 * DAY);
  anchor.setUTCHours(9, 0, 0, 0);
  anchor.setUTCDate(anchor.getUTCDate() - ((anchor.getUTCDay() + 6) % 7));
  for (const s of DEMO_SERVICES) {
    const onCall = {
      userIds: [...s.onCall],
      handoffHours: DEMO_HANDOFF_HOURS[s.slug] ?? 168,
      startsAt: anchor.toISOString(),
    };
    await updateService(db, system, s.slug, { ownerTeam: s.ownerTeam, onCall }, { now });
  }

  const responders = DEMO_USERS.filter((u) => u.role !== "viewer");
  const start = now.getTime() - 90 * DAY;
  // Spread declarations over 90 days, oldest first so IDs increase with time.
  const times = Array.from(
    { length: total },
    (_, i) => start + ((i + rand() * 0.8) / total) * (90 * DAY - 6 * 60 * MINUTE),
  );
  for (let i = 0; i < total; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length];
    const declarer = pick(responders);
    const commander = pick(responders);
    const open = finalStatus(i, total);
    const severity = i % 7 === 3 && open === "resolved" ? "SEV4" : scenario.severity;
    let t = open === "resolved" ? times[i] : now.getTime() - (total - i) * 45 * MINUTE;
    const at = (minutes: number) => new Date((t += minutes * MINUTE));
    const lead = Math.round(2 + rand() * 25);

    const incident = await declareIncident(
      db,
      userActor(declarer),
      {
        title: scenario.title,
        severity,
        services: scenario.services,
        environment: i % 9 === 4 ? "staging" : "production",
        description: scenario.description,
        impactStartedAt: i % 3 === 0 ? new Date(t - lead * MINUTE).toISOString() : undefined,
        commanderId: open === "declared" ? undefined : commander.id,
      },
      { now: at(0), source: i % 4 === 0 ? "api" : "dashboard" },
    );
    const ic = userActor(open === "declared" ? declarer : commander);
    const signals = await seedIncidentSignals(db, incident, i, now);
    if (open === "declared") continue;

    await updateIncident(db, ic, incident.id, { status: "investigating" }, { now: at(3 + rand() * 8) });
    await addLink(
      db,
      ic,
      incident.id,
      { type: "alert", targetId: `alert_event_${(1000 + i * 37).toString(36)}` },
      { now: at(1) },
    );
    if (severity !== "SEV4") {
      await updateIncident(db, ic, incident.id, { technicalLeadId: pick(responders).id }, { now: at(2) });
    }
    await addTimelineEntry(
      db,
      ic,
      incident.id,
      { type: "update", message: scenario.updates[0] },
      { now: at(6 + rand() * 10) },
    );
    if (scenario.escalateTo && i % 2 === 1) {
      await updateIncident(db, ic, incident.id, { severity: scenario.escalateTo }, { now: at(4) });
    }
    await addLink(
      db,
      ic,
      incident.id,
      { type: "error_group", targetId: signals.errorGroupId },
      { now: at(2) },
    );
    if (scenario.updates[1]) {
      await addTimelineEntry(
        db,
        ic,
        incident.id,
        { type: "action", message: scenario.updates[1] },
        { now: at(5 + rand() * 15) },
      );
    }
    if (open === "investigating") continue;

    await updateIncident(
      db,
      ic,
      incident.id,
      { status: "mitigated", mitigationSummary: scenario.mitigation },
      { now: at(10 + rand() * 60) },
    );
    if (open === "mitigated") continue;

    await addLink(db, ic, incident.id, { type: "release", targetId: signals.releaseId }, { now: at(20) });
    await markLink(
      db,
      ic,
      incident.id,
      { type: "release", targetId: signals.releaseId, role: "suspected_cause" },
      { now: at(1) },
    );
    await addLink(
      db,
      ic,
      incident.id,
      { type: "trace", targetId: `trace_${(7_000_000 + i * 7919).toString(16)}` },
      { now: at(1) },
    );
    await updateIncident(
      db,
      ic,
      incident.id,
      { status: "resolved", resolutionSummary: scenario.resolution },
      { now: at(30 + rand() * 240) },
    );
  }
  await seedStatusPage(db, userActor(DEMO_USERS[1]), now);
  await seedDemoMetrics(db, now);
  await db
    .insert(appMeta)
    .values({ key: "demo_seeded_at", value: now.toISOString() })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: sql`excluded.value` } });
  return true;
}
