import { notFound } from "next/navigation";
import { getDb, getReadDb, type Db } from "@/db/client";
import type { Actor, Role } from "@/lib/actor";
import { requirePageActor } from "@/lib/auth/page-actor";
import { DomainError } from "@/lib/errors";

/** What a page renders from: its data, or the refusal it shows with `NotAllowed`. */
export type PageLoad<T> = { allowed: true; data: T } | { allowed: false; role: Role; message: string };

/**
 * The one mapping from a domain error to a page (beside `handleApiError` for the API and
 * `toActionError` for forms): forbidden → a refusal the page shows in its own frame, not found →
 * Next's 404 page, anything else is rethrown to the error page.
 */
export function toPageLoad(error: unknown, role: Role): PageLoad<never> {
  if (error instanceof DomainError && error.code === "forbidden")
    return { allowed: false, role, message: error.message };
  if (error instanceof DomainError && error.code === "not_found") notFound();
  throw error;
}

/**
 * Runs a page's use cases as the signed-in user (sign-in redirect when there is none) through
 * `toPageLoad`. `replicaRead`: the page only reads and tolerates a little lag (list, metrics), so it
 * may use the read pool (DATABASE_READ_URL); pages shown right after a write read the primary.
 */
export async function loadPage<T>(
  returnTo: string,
  command: (db: Db, actor: Actor) => Promise<T>,
  options: { replicaRead?: boolean } = {},
): Promise<PageLoad<T>> {
  const actor = await requirePageActor(returnTo);
  try {
    return {
      allowed: true,
      data: await command(options.replicaRead ? await getReadDb() : await getDb(), actor),
    };
  } catch (error) {
    return toPageLoad(error, actor.role);
  }
}

/**
 * For filters read from the URL: a hand-edited bad value becomes a message beside the form, not an
 * error page. Only validation errors are caught.
 */
export async function catchInvalid<T>(
  work: Promise<T>,
): Promise<{ value: T; problem: null } | { value: null; problem: DomainError }> {
  try {
    return { value: await work, problem: null };
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation") return { value: null, problem: error };
    throw error;
  }
}
