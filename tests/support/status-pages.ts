import { sql } from "drizzle-orm";
import { expect } from "vitest";
import * as pagesRoute from "@/app/api/status-pages/route";
import * as pageRoute from "@/app/api/status-pages/[id]/route";
import * as componentsRoute from "@/app/api/status-pages/[id]/components/route";
import * as componentRoute from "@/app/api/status-pages/[id]/components/[componentId]/route";
import * as publicIncidentsRoute from "@/app/api/status-pages/[id]/incidents/route";
import * as updatesRoute from "@/app/api/status-pages/[id]/incidents/[incidentId]/updates/route";
import * as slugStatus from "@/app/status/[slug]/route";
import * as summaryRoute from "@/app/status/[slug]/api/summary.json/route";
import type { Db } from "@/db/client";
import { services } from "@/db/core-schema";
import { forgetSnapshots } from "@/lib/status-pages/snapshot-cache";
import { call, type CallOptions, queryRows, resetDatabase } from "./harness";

/** An empty database with three catalog services, and no snapshot remembered from an earlier test. */
export async function resetStatusPages(): Promise<Db> {
  const db = await resetDatabase();
  forgetSnapshots(db);
  await db.insert(services).values([
    { slug: "payment-service", name: "Payment Service" },
    { slug: "checkout-api", name: "Checkout API" },
    { slug: "search", name: "Search" },
  ]);
  return db;
}

export type Page = { id: string; slug: string; revision: number; headline: string };
export const post = (
  handler: Parameters<typeof call>[0],
  path: string,
  body: unknown,
  options: CallOptions = {},
) => call(handler, path, { method: "POST", body, ...options });

export async function createPage(body: Record<string, unknown> = {}): Promise<Page> {
  const res = await post(pagesRoute.POST, "/api/status-pages", { name: "Acme", slug: "acme", ...body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}
export async function addComponent(pageId: string, body: Record<string, unknown>) {
  const res = await post(componentsRoute.POST, `/api/status-pages/${pageId}/components`, body, {
    params: { id: pageId },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; status: string; services: string[] };
}
export const publish = (pageId: string, body: Record<string, unknown>, options: CallOptions = {}) =>
  post(publicIncidentsRoute.POST, `/api/status-pages/${pageId}/incidents`, body, {
    params: { id: pageId },
    ...options,
  });
export const postUpdate = (pageId: string, incidentId: string, body: Record<string, unknown>) =>
  post(updatesRoute.POST, `/api/status-pages/${pageId}/incidents/${incidentId}/updates`, body, {
    params: { id: pageId, incidentId },
  });
export const patchComponent = (pageId: string, componentId: string, body: unknown) =>
  call(componentRoute.PATCH, `/api/status-pages/${pageId}/components/${componentId}`, {
    method: "PATCH",
    body,
    params: { id: pageId, componentId },
  });
export const getPage = async (pageId: string) =>
  (await call(pageRoute.GET, `/api/status-pages/${pageId}`, { params: { id: pageId } })).json;
export const publicPage = (slug: string, headers: Record<string, string> = {}) =>
  call(slugStatus.GET, `/status/${slug}`, { params: { slug }, headers, as: "anonymous" });
export const summary = (slug: string, headers: Record<string, string> = {}) =>
  call(summaryRoute.GET, `/status/${slug}/api/summary.json`, { params: { slug }, headers, as: "anonymous" });
export const counts = async () =>
  (
    await queryRows<Record<string, string | number>>(sql`select
      (select count(*) from status_pages) as pages, (select count(*) from status_page_components) as components,
      (select count(*) from status_page_groups) as groups, (select count(*) from public_incidents) as incidents,
      (select count(*) from public_incident_updates) as updates, (select count(*) from component_impacts) as impacts,
      (select coalesce(sum(revision), 0) from status_pages) as revisions, (select count(*) from audit_events) as audits,
      (select count(*) from events) as events`)
  ).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))[0];
