import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { findOnCall } from "./load-on-call";
import { parseSlug } from "./list-services";
import { OnCallQuery } from "./schemas";
import type { OnCallView } from "./views";

/** Who is on call for a service at `at` (default: now); `userId: null` when nobody is. */
export async function getOnCall(
  db: Db,
  actor: Actor,
  rawSlug: string,
  rawQuery: unknown,
  options: UseCaseOptions = {},
): Promise<OnCallView> {
  authorize(actor, "oncall.read");
  const slug = parseSlug(rawSlug);
  const query = parseInput(OnCallQuery, rawQuery);
  const view = await findOnCall(db, slug, query.at ? new Date(query.at) : clock(options));
  if (!view) throw notFound(`Service ${slug}`);
  return view;
}
