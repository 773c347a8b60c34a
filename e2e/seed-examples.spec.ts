import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

// The product specification's six fetch() calls, run as written inside a signed-in page of the
// app (relative URLs, same origin, the session cookie), chained by the ID the first call returns.
test("the specification's API examples work as written", async ({ page }) => {
  await signIn(page, "responder");
  const result = await page.evaluate(async () => {
    const answers: Record<string, unknown> = {};
    const response = await fetch("/api/dashboard/incidents", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        title: "Payment processing failures",
        severity: "SEV1",
        status: "declared",
        services: ["payment-service", "checkout-api"],
        environment: "production",
        description: "Stripe webhook processing failing since 14:32 UTC. ~30% of payments affected.",
        declaredBy: "api",
      }),
    });
    const incident = await response.json();
    answers.create = { status: response.status, body: incident };
    const incidentId = incident.id;

    const commander = await fetch(`/api/dashboard/incidents/${incidentId}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        commanderId: "user_abc123",
      }),
    });
    answers.commander = { status: commander.status, body: await commander.json() };

    const update = await fetch(`/api/dashboard/incidents/${incidentId}/timeline`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        message: "Identified bad deploy (v2.3.1) as root cause. Rolling back to v2.3.0.",
        type: "update", // 'update' | 'action' | 'resolution'
      }),
    });
    answers.update = { status: update.status, body: await update.json() };

    const link = await fetch(`/api/dashboard/incidents/${incidentId}/links`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "alert",
        targetId: "alert_event_xyz789",
      }),
    });
    answers.link = { status: link.status, body: await link.json() };

    const mitigate = await fetch(`/api/dashboard/incidents/${incidentId}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        status: "mitigated",
        mitigationSummary: "Rolled back to v2.3.0. Error rates returned to baseline.",
      }),
    });
    answers.mitigate = { status: mitigate.status, body: await mitigate.json() };

    const resolve = await fetch(`/api/dashboard/incidents/${incidentId}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        status: "resolved",
        resolutionSummary:
          "Root cause was a missing null check in payment handler (commit abc123). Fix deployed in v2.3.2.",
        resolvedAt: new Date().toISOString(),
      }),
    });
    answers.resolve = { status: resolve.status, body: await resolve.json() };

    const timeline = await fetch(`/api/dashboard/incidents/${incidentId}/timeline`);
    answers.timeline = await timeline.json();
    return answers as Record<string, { status: number; body: Record<string, unknown> }> & {
      timeline: { items: { kind: string; message: string | null }[] };
    };
  });

  expect(result.create.status).toBe(201);
  expect(result.create.body.id).toMatch(/^INC-\d{4}-\d{4,}$/);
  expect(result.create.body.status).toBe("declared");
  expect(typeof result.create.body.createdAt).toBe("string");
  expect(result.commander.status).toBe(200);
  expect(result.commander.body.commanderId).toBe("user_abc123");
  expect(result.update.status).toBe(201);
  expect(result.update.body.kind).toBe("update");
  expect(result.link.status).toBe(201);
  expect(result.link.body).toMatchObject({ type: "alert", targetId: "alert_event_xyz789" });
  expect(result.mitigate.status).toBe(200);
  expect(result.mitigate.body.status).toBe("mitigated");
  expect(result.resolve.status).toBe(200);
  expect(result.resolve.body.status).toBe("resolved");
  expect(result.resolve.body.durationSeconds).toEqual(expect.any(Number));
  // The demo's payment-service rotation hands off daily, so the declaration may already have named its
  // on-call as commander: then the PATCH adds a second change unless that person is user_abc123.
  const onCall = result.create.body.commanderId as string | null;
  const expected = [
    "declared",
    ...(onCall && onCall !== "user_abc123" ? ["commander_changed"] : []),
    "commander_changed",
    "update",
    "alert_fired",
    "status_changed",
    "status_changed",
  ];
  expect(result.timeline.items.map((e) => e.kind).slice(0, expected.length)).toEqual(expected);
  // "a postmortem is automatically generated if enabled" (it is, for every severity, by default): by
  // the workers, a moment after the resolving PATCH has answered.
  const id = result.create.body.id as string;
  await expect
    .poll(() =>
      page.evaluate(async (incidentId) => {
        const response = await fetch(`/api/dashboard/incidents/${incidentId}/timeline`);
        return ((await response.json()) as { items: { kind: string }[] }).items.map((e) => e.kind);
      }, id),
    )
    .toEqual([...expected, "postmortem_created"]);
});
