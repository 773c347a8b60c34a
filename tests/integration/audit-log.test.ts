import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Db } from "@/db/client";
import { signInAttempts } from "@/db/core-schema";
import { createAlertRule } from "@/lib/alerts/alert-rules";
import { deleteAlertRule, updateAlertRule } from "@/lib/alerts/change-alert-rule";
import { createOverride } from "@/lib/oncall/create-override";
import { deleteOverride } from "@/lib/oncall/delete-override";
import { updateService } from "@/lib/oncall/update-service";
import { updatePostmortemSettings } from "@/lib/postmortems/postmortem-settings";
import { updateReminderSettings } from "@/lib/reminders/reminder-settings";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { disableUser } from "@/lib/users/disable-user";
import { enableUser } from "@/lib/users/enable-user";
import { unlockUser } from "@/lib/users/unlock-user";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";
import { auditAdmin as admin, auditRows, onlyEvent } from "@/tests/support/audit";
import { resetDatabase } from "@/tests/support/harness";

// One test per audited use case (sign-ins and passwords: audit-log-auth.test.ts): who acted, on
// what, and exactly which fields changed.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

let db: Db;
beforeEach(async () => {
  db = await resetDatabase();
});

const byAdmin = { actorType: "user", actorId: "user_abc123", actorName: "Alex Chen" };
const fromAdmin = { ip: "203.0.113.7", userAgent: "audit-test/1.0" };
const publicDns = { resolver: async () => [{ address: "93.184.216.34", family: 4 as const }] };

describe("users", () => {
  it("user.created: the new account's fields, never its password", async () => {
    const user = await createUser(db, admin, {
      email: "new@example.com",
      name: "New Person",
      role: "viewer",
    });
    expect(await onlyEvent("user.created")).toMatchObject({
      ...byAdmin,
      ...fromAdmin,
      targetType: "user",
      targetId: user.id,
      targetName: "New Person",
      diff: {
        email: { from: null, to: "new@example.com" },
        name: { from: null, to: "New Person" },
        role: { from: null, to: "viewer" },
      },
    });
  });

  it("user.role_changed: from and to; the same role again records nothing", async () => {
    await changeUserRole(db, admin, "user_def456", { role: "admin" });
    await changeUserRole(db, admin, "user_def456", { role: "admin" });
    expect(await onlyEvent("user.role_changed")).toMatchObject({
      ...byAdmin,
      targetType: "user",
      targetId: "user_def456",
      targetName: "Priya Natarajan",
      diff: { role: { from: "responder", to: "admin" } },
    });
  });

  it("user.disabled and user.enabled: the disabledAt change each way", async () => {
    const disabled = await disableUser(db, admin, "user_def456");
    await enableUser(db, admin, "user_def456");
    const at = disabled.disabledAt!.toISOString();
    expect(await onlyEvent("user.disabled")).toMatchObject({
      ...byAdmin,
      targetId: "user_def456",
      diff: { disabledAt: { from: null, to: at } },
    });
    expect(await onlyEvent("user.enabled")).toMatchObject({
      ...byAdmin,
      targetId: "user_def456",
      diff: { disabledAt: { from: at, to: null } },
    });
  });

  it("user.unlocked: how many failed sign-ins were forgotten", async () => {
    await db.insert(signInAttempts).values([
      { account: "priya@example.com", ip: "198.51.100.1" },
      { account: "priya@example.com", ip: "198.51.100.2" },
    ]);
    await unlockUser(db, admin, "user_def456");
    expect(await onlyEvent("user.unlocked")).toMatchObject({
      ...byAdmin,
      targetType: "user",
      targetId: "user_def456",
      diff: { signInFailures: { from: 2, to: 0 } },
    });
  });
});

describe("API tokens", () => {
  it("token.created and token.revoked name the token, its role and expiry, never its secret", async () => {
    const { token } = await createApiToken(db, admin, {
      name: "ci-sync",
      role: "responder",
      expiresInDays: 7,
    });
    await revokeApiToken(db, admin, token.id);
    expect(await onlyEvent("token.created")).toMatchObject({
      ...byAdmin,
      targetType: "token",
      targetId: token.id,
      targetName: "ci-sync",
      diff: {
        name: { from: null, to: "ci-sync" },
        role: { from: null, to: "responder" },
        expiresAt: { from: null, to: token.expiresAt!.toISOString() },
      },
    });
    const revoked = await onlyEvent("token.revoked");
    expect(revoked).toMatchObject({ ...byAdmin, targetId: token.id, targetName: "ci-sync" });
    expect(Object.keys(revoked.diff)).toEqual(["revokedAt"]);
    expect(revoked.diff.revokedAt).toEqual({ from: null, to: expect.any(String) });
  });
});

describe("webhooks", () => {
  it("webhook.created / updated / disabled / enabled / deleted, the URL only as its origin", async () => {
    const url = "https://hooks.example.com/services/T1/B2/very-secret-path";
    const hook = await createWebhook(db, admin, { url, events: ["incident.declared"] }, publicDns);
    await updateWebhook(db, admin, hook.id, { description: "Ops channel" }, publicDns);
    await updateWebhook(db, admin, hook.id, { enabled: false }, publicDns);
    await updateWebhook(db, admin, hook.id, { enabled: true }, publicDns);
    await deleteWebhook(db, admin, hook.id);
    const created = await onlyEvent("webhook.created");
    expect(created).toMatchObject({ ...byAdmin, targetType: "webhook", targetId: hook.id });
    expect(created.diff).toMatchObject({
      url: { from: null, to: expect.stringMatching(/^https:\/\/hooks\.example\.com\/… \(#[0-9a-f]{8}\)$/) },
      events: { from: null, to: ["incident.declared"] },
      enabled: { from: null, to: true },
    });
    expect(await onlyEvent("webhook.updated")).toMatchObject({
      targetName: "Ops channel",
      diff: { description: { from: "", to: "Ops channel" } },
    });
    expect((await onlyEvent("webhook.disabled")).diff).toEqual({ enabled: { from: true, to: false } });
    expect((await onlyEvent("webhook.enabled")).diff).toEqual({ enabled: { from: false, to: true } });
    expect(await onlyEvent("webhook.deleted")).toMatchObject({
      targetId: hook.id,
      diff: { description: { from: "Ops channel", to: null }, enabled: { from: true, to: null } },
    });
  });
});

describe("workflows", () => {
  it("workflow.created / updated / disabled / enabled / deleted", async () => {
    const workflow = await createWorkflow(db, admin, {
      name: "Page payments",
      trigger: "alert_fired",
      condition: "severity = critical",
      actions: [{ type: "create_incident", severity: "SEV1" }],
    });
    await updateWorkflow(db, admin, workflow.id, { condition: "severity = warning" });
    await updateWorkflow(db, admin, workflow.id, { enabled: false });
    await updateWorkflow(db, admin, workflow.id, { enabled: true });
    await deleteWorkflow(db, admin, workflow.id);
    expect(await onlyEvent("workflow.created")).toMatchObject({
      ...byAdmin,
      targetType: "workflow",
      targetId: workflow.id,
      targetName: "Page payments",
      diff: {
        trigger: { from: null, to: "alert_fired" },
        condition: { from: null, to: "severity = critical" },
        actions: { from: null, to: [{ type: "create_incident", severity: "SEV1" }] },
      },
    });
    expect((await onlyEvent("workflow.updated")).diff).toEqual({
      condition: { from: "severity = critical", to: "severity = warning" },
    });
    expect((await onlyEvent("workflow.disabled")).diff).toEqual({ enabled: { from: true, to: false } });
    expect((await onlyEvent("workflow.enabled")).diff).toEqual({ enabled: { from: false, to: true } });
    expect(await onlyEvent("workflow.deleted")).toMatchObject({
      targetId: workflow.id,
      diff: { name: { from: "Page payments", to: null } },
    });
  });
});

describe("on-call", () => {
  it("service.oncall_changed: the rotation before and after", async () => {
    const startsAt = "2026-03-02T09:00:00.000Z";
    const rotation = { userIds: ["user_abc123"], handoffHours: 24, startsAt };
    await updateService(db, admin, "payment-service", { ownerTeam: "payments", onCall: rotation });
    await updateService(db, admin, "payment-service", {
      ownerTeam: "payments",
      onCall: { ...rotation, userIds: ["user_abc123", "user_def456"] },
    });
    const [first, second] = (await auditRows()).filter((r) => r.action === "service.oncall_changed");
    expect(first).toMatchObject({
      ...byAdmin,
      targetType: "service",
      targetId: "payment-service",
      diff: {
        ownerTeam: { from: null, to: "payments" },
        "onCall.userIds": { from: null, to: ["user_abc123"] },
        "onCall.handoffHours": { from: null, to: 24 },
        "onCall.startsAt": { from: null, to: startsAt },
      },
    });
    expect(second.diff).toEqual({
      "onCall.userIds": { from: ["user_abc123"], to: ["user_abc123", "user_def456"] },
    });
  });

  it("override.created and override.deleted: who covers which service when", async () => {
    await updateService(db, admin, "payment-service", {
      onCall: { userIds: ["user_abc123"], handoffHours: 24, startsAt: "2026-03-02T09:00:00Z" },
    });
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const endsAt = new Date(Date.now() + 7_200_000).toISOString();
    const override = await createOverride(db, admin, "payment-service", {
      userId: "user_def456",
      startsAt,
      endsAt,
    });
    await deleteOverride(db, admin, "payment-service", String(override.id));
    const snapshot = {
      serviceSlug: "payment-service",
      userId: "user_def456",
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    };
    const created = await onlyEvent("override.created");
    expect(created).toMatchObject({ ...byAdmin, targetType: "override", targetId: String(override.id) });
    expect(created.diff).toEqual(
      Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, { from: null, to: v }])),
    );
    const deleted = await onlyEvent("override.deleted");
    expect(deleted.diff).toEqual(
      Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, { from: v, to: null }])),
    );
  });
});

describe("alert rules", () => {
  it("alert_rule.created / updated / deleted: the definition, not the evaluator's state", async () => {
    const rule = await createAlertRule(db, admin, {
      name: "Checkout error rate",
      service: "checkout-api",
      environment: "production",
      metric: "error_rate",
      comparator: ">",
      threshold: 0.05,
      forSeconds: 180,
      severity: "critical",
    });
    await updateAlertRule(db, admin, rule.id, { threshold: 0.1 });
    await deleteAlertRule(db, admin, rule.id);
    const created = await onlyEvent("alert_rule.created");
    expect(created).toMatchObject({
      ...byAdmin,
      targetType: "alert_rule",
      targetId: rule.id,
      targetName: "Checkout error rate",
      diff: { threshold: { from: null, to: 0.05 }, service: { from: null, to: "checkout-api" } },
    });
    expect(created.diff).not.toHaveProperty("evalState");
    expect((await onlyEvent("alert_rule.updated")).diff).toEqual({ threshold: { from: 0.05, to: 0.1 } });
    expect(await onlyEvent("alert_rule.deleted")).toMatchObject({
      targetId: rule.id,
      diff: { threshold: { from: 0.1, to: null } },
    });
  });
});

describe("settings", () => {
  it("settings.postmortems_changed: the severities whose setting changed", async () => {
    await updatePostmortemSettings(db, admin, { autoGenerate: { SEV3: false, SEV1: true } });
    expect(await onlyEvent("settings.postmortems_changed")).toMatchObject({
      ...byAdmin,
      targetType: "settings",
      targetId: "postmortems",
      diff: { "autoGenerate.SEV3": { from: true, to: false } },
    });
  });

  it("settings.reminders_changed: the intervals that changed", async () => {
    await updateReminderSettings(db, admin, { updateIntervalMinutes: { SEV1: 30, SEV4: 60 } });
    expect(await onlyEvent("settings.reminders_changed")).toMatchObject({
      ...byAdmin,
      targetType: "settings",
      targetId: "reminders",
      diff: {
        "updateIntervalMinutes.SEV1": { from: 15, to: 30 },
        "updateIntervalMinutes.SEV4": { from: null, to: 60 },
      },
    });
  });
});
