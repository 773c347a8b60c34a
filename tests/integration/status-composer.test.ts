import { beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { draftPublicIncident } from "@/lib/status-pages/draft-public-incident";
import { listLinkedPublicIncidents } from "@/lib/status-pages/list-linked-public-incidents";
import { publishPublicIncident } from "@/lib/status-pages/publish-public-incident";
import { postPublicUpdate } from "@/lib/status-pages/post-public-update";
import { responder, validIncident, viewer } from "@/tests/support/harness";
import { addComponent, createPage, post, resetStatusPages, summary } from "@/tests/support/status-pages";

beforeEach(async () => {
  await resetStatusPages();
});

const SECRET_TITLE = "INTERNAL-ONLY db-7 credentials rotated wrong";
const SECRET_DESCRIPTION = "Rollback of the vault-secret-42 rotation; Alex is on it.";

async function declare(severity: string) {
  const res = await post(incidentsRoute.POST, "/api/dashboard/incidents", {
    ...validIncident,
    severity,
    title: SECRET_TITLE,
    description: SECRET_DESCRIPTION,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

describe("the incident page's public-incident composer", () => {
  it("drafts from the incident's services through the components' mapping, with nothing internal", async () => {
    const incidentId = await declare("SEV1");
    const other = await createPage({ name: "Internal", slug: "internal" });
    const page = await createPage({ name: "Acme", slug: "acme", isDefault: true });
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    const checkout = await addComponent(page.id, { name: "Checkout", services: ["checkout-api"] });
    await addComponent(page.id, { name: "Search", services: ["search"] });
    await addComponent(other.id, { name: "Back office", services: [] });

    const draft = await draftPublicIncident(await getDb(), responder, incidentId);
    expect(draft.severity).toBe("SEV1");
    // The default page first; each page has its own draft.
    expect(draft.pages.map((p) => [p.slug, p.isDefault])).toEqual([
      ["acme", true],
      ["internal", false],
    ]);
    const [acme, internal] = draft.pages;
    expect(acme.components.map((c) => c.name)).toEqual(["Payments", "Checkout", "Search"]);
    expect(acme.draft.components).toEqual([
      { componentId: payments.id, status: "major_outage" },
      { componentId: checkout.id, status: "major_outage" },
    ]);
    expect(acme.draft).toMatchObject({
      phase: "investigating",
      title: "Problems with Payments and Checkout",
      body: "We are investigating reports of problems with Payments and Checkout. We will post an update within 30 minutes.",
    });
    expect(internal.draft.components).toEqual([]);
    expect(internal.draft.body).toContain("problems with some of our services");
    const text = JSON.stringify(draft);
    for (const secret of ["INTERNAL-ONLY", "vault-secret-42", "Alex", SECRET_TITLE, SECRET_DESCRIPTION])
      expect(text).not.toContain(secret);
  });

  it("suggests partial outage for SEV2 and degraded performance below", async () => {
    const page = await createPage({ isDefault: true });
    await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    const db = await getDb();
    const statusFor = async (severity: string) =>
      (await draftPublicIncident(db, responder, await declare(severity))).pages[0].draft.components[0].status;
    expect(await statusFor("SEV2")).toBe("partial_outage");
    expect(await statusFor("SEV3")).toBe("degraded_performance");
    expect(await statusFor("SEV4")).toBe("degraded_performance");
  });

  it("has no pages to offer before one exists, refuses viewers, and 404s an unknown incident", async () => {
    const db = await getDb();
    const incidentId = await declare("SEV1");
    expect((await draftPublicIncident(db, responder, incidentId)).pages).toEqual([]);
    await expect(draftPublicIncident(db, viewer, incidentId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(draftPublicIncident(db, responder, "INC-2026-9999")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists what was published for the incident, readable by viewers, through to resolution", async () => {
    const db = await getDb();
    const incidentId = await declare("SEV1");
    const page = await createPage({ isDefault: true });
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    await addComponent(page.id, { name: "Search", services: ["search"] });
    expect(await listLinkedPublicIncidents(db, viewer, incidentId)).toEqual([]);

    const draft = (await draftPublicIncident(db, responder, incidentId)).pages[0].draft;
    const published = await publishPublicIncident(db, responder, page.id, { ...draft, incidentId });
    const [linked] = await listLinkedPublicIncidents(db, viewer, incidentId);
    expect(linked).toMatchObject({
      id: published.id,
      phase: "investigating",
      page: { id: page.id, slug: "acme", name: "Acme" },
    });
    expect(linked.components).toEqual([
      { id: payments.id, name: "Payments", status: "major_outage" },
      { id: expect.any(String), name: "Search", status: null },
    ]);
    expect(linked.updates[0].body).toBe(draft.body);
    expect((await summary("acme")).json.status.indicator).toBe("major_outage");

    await postPublicUpdate(db, responder, page.id, published.id, {
      phase: "resolved",
      body: "Payments work again.",
      components: [{ componentId: payments.id, status: "operational" }],
    });
    const [resolved] = await listLinkedPublicIncidents(db, viewer, incidentId);
    expect(resolved.phase).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.updates.map((u) => u.body)).toEqual(["Payments work again.", draft.body]);
    expect(resolved.components[0].status).toBe("operational");
    expect((await summary("acme")).json.status.description).toBe("All systems operational");
  });
});
