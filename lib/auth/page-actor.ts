import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { sessionActor } from "./resolve-actor";

// The root layout, a section layout and the page all ask for the actor: one session lookup per render.
const currentActor = cache(async (): Promise<Actor | null> => sessionActor(await headers()));

/** For server components: the signed-in user, or a redirect to the sign-in page (pages call it through `loadPage`). */
export async function requirePageActor(returnTo?: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
  return actor;
}

/** The signed-in user if there is one (for the header, the sign-in page). */
export async function optionalPageActor(): Promise<Actor | null> {
  return currentActor();
}

/** For server actions: the signed-in user, or a DomainError the action turns into a message. */
export async function requireActionActor(): Promise<Actor> {
  const actor = await sessionActor(await headers());
  if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  return actor;
}

/** Runs a use case as the signed-in user of a server action (401 as a domain error when there is none). */
export async function asActionUser<T>(command: (db: Db, actor: Actor) => Promise<T>): Promise<T> {
  const actor = await requireActionActor();
  return command(await getDb(), actor);
}
