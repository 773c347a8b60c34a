import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { readServiceViews } from "./load-on-call";
import { ServiceSlug } from "./schemas";
import type { ServiceView } from "./views";

/** Every service with its owner team, rotation, overrides, and who is on call now and next. */
export async function listServices(
  db: Db,
  actor: Actor,
  options: UseCaseOptions = {},
): Promise<ServiceView[]> {
  authorize(actor, "oncall.read");
  return readServiceViews(db, clock(options));
}

export async function getService(
  db: Db,
  actor: Actor,
  rawSlug: string,
  options: UseCaseOptions = {},
): Promise<ServiceView> {
  authorize(actor, "oncall.read");
  const slug = parseSlug(rawSlug);
  const [view] = await readServiceViews(db, clock(options), [slug]);
  if (!view) throw notFound(`Service ${slug}`);
  return view;
}

/** A path segment that is not a slug cannot name a service: 404, like any other unknown one. */
export function parseSlug(raw: string): string {
  const result = ServiceSlug.safeParse(raw);
  if (!result.success) throw notFound(`Service ${raw}`);
  return result.data;
}
