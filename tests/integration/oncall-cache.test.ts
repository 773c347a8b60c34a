import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as incidentCollection from "@/app/api/dashboard/incidents/route";
import * as serviceItem from "@/app/api/services/[slug]/route";
import { getDb } from "@/db/client";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

// A declaration without a named commander may take the on-call from its process's cache (one statement
// instead of two); its write asserts the on-call stamp. A schedule changed by anything else (another
// instance, an operator's SQL) must still decide the very next declaration, and the refused attempt
// must leave no trace (no number used, nothing written).

const ALEX = "user_abc123"; // admin
const PRIYA = "user_def456"; // responder
const H = 3_600_000;

const put = (slug: string, body: unknown) =>
  call(serviceItem.PUT, `/api/services/${slug}`, { method: "PUT", params: { slug }, body, as: "responder" });
const declare = async () => {
  const res = await call(incidentCollection.POST, "/api/dashboard/incidents", {
    method: "POST",
    body: validIncident,
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; commanderId: string | null };
};
const commanderEntry = async (id: string) =>
  (
    (await call(timeline.GET, `/api/dashboard/incidents/${id}/timeline`, { params: { id } })).json.items as {
      kind: string;
      data: { to: { id: string; name: string } };
    }[]
  ).find((e) => e.kind === "commander_changed");
// Behind this process's back, as another instance or an operator would change it.
const elsewhere = async (statement: ReturnType<typeof sql>) => (await getDb()).execute(statement);

beforeEach(async () => {
  await resetDatabase();
  // Priya's turn since an hour ago, Alex's in 23 hours.
  await put("payment-service", {
    onCall: { userIds: [PRIYA, ALEX], handoffHours: 24, startsAt: new Date(Date.now() - H).toISOString() },
  });
});

describe("the on-call of a declaration, cached per process", () => {
  it("follows an override, a demotion and a rename made elsewhere on the very next declaration", async () => {
    const ids: string[] = [];
    const first = await declare();
    const second = await declare();
    ids.push(first.id, second.id);
    expect([first.commanderId, second.commanderId]).toEqual([PRIYA, PRIYA]);

    await elsewhere(sql`insert into oncall_overrides (service_slug, user_id, starts_at, ends_at, created_by, created_at)
      values ('payment-service', ${ALEX}, now() - interval '1 minute', now() + interval '1 hour', 'operator', now())`);
    const covered = await declare();
    ids.push(covered.id);
    expect(covered.commanderId).toBe(ALEX);

    // A viewer cannot run an incident: the override no longer counts, Priya's turn does.
    await elsewhere(sql`update users set role = 'viewer' where id = ${ALEX}`);
    const demoted = await declare();
    ids.push(demoted.id);
    expect(demoted.commanderId).toBe(PRIYA);

    await elsewhere(sql`update users set name = 'Priya N.' where id = ${PRIYA}`);
    const renamed = await declare();
    ids.push(renamed.id);
    expect((await commanderEntry(renamed.id))?.data.to).toEqual({ id: PRIYA, name: "Priya N." });

    // The refused attempts used no number and wrote nothing.
    const numbers = ids.map((id) => Number(id.split("-")[2]));
    expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2, numbers[0] + 3, numbers[0] + 4]);
    const [{ n }] = await queryRows<{ n: number }>(sql`select count(*)::int as n from incidents`);
    expect(Number(n)).toBe(5);
  });

  it("moves the stamp on every change that can change who is on call", async () => {
    const stamp = async () =>
      Number(
        (await queryRows<{ v: string }>(sql`select version::text as v from oncall_stamp where id = 1`))[0].v,
      );
    const changes = [
      sql`update service_oncall set handoff_hours = 12 where service_slug = 'payment-service'`,
      sql`delete from oncall_rotation_members where service_slug = 'payment-service' and user_id = ${ALEX}`,
      sql`insert into oncall_overrides (service_slug, user_id, starts_at, ends_at, created_by, created_at) values ('payment-service', ${ALEX}, now(), now() + interval '1 hour', 'op', now())`,
      sql`delete from oncall_overrides`,
      sql`update users set role = 'responder' where id = ${ALEX}`,
      sql`update users set name = 'Alex' where id = ${ALEX}`,
    ];
    for (const change of changes) {
      const before = await stamp();
      await elsewhere(change);
      expect(await stamp()).toBeGreaterThan(before);
    }
    // Unrelated changes leave it (and the cache) alone.
    const before = await stamp();
    await elsewhere(sql`update users set email = 'alex@example.org' where id = ${ALEX}`);
    await declare();
    expect(await stamp()).toBe(before);
  });
});
