import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as overrides from "@/app/api/services/[slug]/overrides/route";
import * as serviceItem from "@/app/api/services/[slug]/route";
import { getDb } from "@/db/client";
import { ensureServices } from "@/lib/catalog/references";
import { disableUser } from "@/lib/users/disable-user";
import { auditAdmin } from "@/tests/support/audit";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { verifiedEmail } from "@/tests/support/paging-setup";
import * as policies from "@/app/api/escalation-policies/route";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";

beforeEach(async () => {
  const db = await resetDatabase();
  await ensureServices(db, ["checkout-api", "search"]);
});

const rotation = (slug: string, userIds: string[]) =>
  call(serviceItem.PUT, `/api/services/${slug}`, {
    method: "PUT",
    params: { slug },
    body: { onCall: { userIds, handoffHours: 24, startsAt: new Date(Date.now() - 3_600_000).toISOString() } },
  });
const override = (startsIn: number, endsIn: number) =>
  call(overrides.POST, "/api/services/checkout-api/overrides", {
    method: "POST",
    params: { slug: "checkout-api" },
    body: {
      userId: "user_def456",
      startsAt: new Date(Date.now() + startsIn).toISOString(),
      endsAt: new Date(Date.now() + endsIn).toISOString(),
    },
  });

// A disabled account leaves rotations, overrides and escalation steps in the same transaction, each
// change audited with the reason; nothing keeps waiting on someone who can no longer answer.
describe("disabling a user releases their duties", () => {
  it("takes them out of rotations, ends their overrides and removes them from escalation steps", async () => {
    await verifiedEmail("user_def456", "priya@example.com");
    await verifiedEmail("user_abc123", "alex@example.com");
    expect((await rotation("checkout-api", ["user_abc123", "user_def456"])).status).toBe(200);
    expect((await rotation("search", ["user_def456"])).status).toBe(200);
    expect((await override(-60_000, 3_600_000)).status).toBe(201);
    expect((await override(7_200_000, 10_800_000)).status).toBe(201);
    const policy = await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Checkout",
        steps: [
          { delayMinutes: 5, targets: [{ type: "user", userId: "user_def456" }] },
          {
            delayMinutes: 10,
            targets: [
              { type: "user", userId: "user_def456" },
              { type: "user", userId: "user_abc123" },
            ],
          },
        ],
      },
    });
    expect(policy.status, policy.text).toBe(201);

    const before = Date.now();
    const [{ last }] = await queryRows<{ last: number }>(
      sql`select coalesce(max(id), 0)::int as last from audit_events`,
    );
    await disableUser(await getDb(), auditAdmin, "user_def456");

    const members = await queryRows<{ service_slug: string; position: number; user_id: string }>(
      sql`select service_slug, position, user_id from oncall_rotation_members order by 1, 2`,
    );
    expect(members).toEqual([{ service_slug: "checkout-api", position: 0, user_id: "user_abc123" }]);
    expect(
      (
        await queryRows<{ service_slug: string }>(sql`select service_slug from service_oncall order by 1`)
      ).map((r) => r.service_slug),
    ).toEqual(["checkout-api"]);
    const left = await queryRows<{ ends_at: Date }>(
      sql`select ends_at from oncall_overrides where user_id = 'user_def456'`,
    );
    expect(left).toHaveLength(1);
    expect(new Date(left[0].ends_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(left[0].ends_at).getTime()).toBeLessThanOrEqual(Date.now());
    const steps = await queryRows<{ position: number; delay_minutes: number; targets: unknown }>(
      sql`select position, delay_minutes, targets from escalation_steps order by position`,
    );
    expect(steps).toEqual([
      { position: 0, delay_minutes: 10, targets: [{ type: "user", userId: "user_abc123" }] },
    ]);
    const [{ version }] = await queryRows<{ version: number }>(sql`select version from escalation_policies`);
    expect(version).toBe(policy.json.version + 1);

    const audit = await queryRows<{ action: string; target_id: string; diff: Record<string, unknown> }>(
      sql`select action, target_id, diff from audit_events where action <> 'user.disabled'
          and id > ${last} order by id`,
    );
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ["service.oncall_changed", "checkout-api"],
      ["service.oncall_changed", "search"],
      ["override.deleted", expect.any(String)],
      ["override.deleted", expect.any(String)],
      ["escalation_policy.updated", policy.json.id],
    ]);
    // Changes say why; the future override is a deletion (its whole record is the entry's "before").
    const reasons = audit.map((row) =>
      JSON.stringify(row.diff).includes("Priya Natarajan's account was disabled"),
    );
    expect(reasons).toEqual([true, true, true, false, true]);
    expect(audit[3].diff).toMatchObject({ service: { from: "checkout-api", to: null } });

    // Disabling again releases nothing twice.
    const count = (await queryRows(sql`select id from audit_events`)).length;
    await disableUser(await getDb(), auditAdmin, "user_def456");
    expect((await queryRows(sql`select id from audit_events`)).length).toBe(count);
  });

  it("refuses a disabled person as commander, on call or in a policy, with a 422 naming why", async () => {
    await disableUser(await getDb(), auditAdmin, "user_def456");
    const declared = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, commanderId: "user_def456" },
    });
    expect(declared.status).toBe(422);
    expect(declared.text).toContain(
      "Priya Natarajan's account is disabled; they cannot be incident commander.",
    );
    const onCall = await rotation("search", ["user_def456"]);
    expect(onCall.status).toBe(422);
    expect(onCall.text).toContain("they cannot be on call");
    const policy = await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Search",
        steps: [{ delayMinutes: 5, targets: [{ type: "user", userId: "user_def456" }] }],
      },
    });
    expect(policy.status).toBe(422);
    expect((await queryRows(sql`select id from incidents`)).length).toBe(0);
    expect((await queryRows(sql`select service_slug from service_oncall`)).length).toBe(0);
    expect((await queryRows(sql`select id from escalation_policies`)).length).toBe(0);
  });
});
