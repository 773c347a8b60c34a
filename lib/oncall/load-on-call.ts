import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { oncallOverrides, oncallRotationMembers, serviceOncall, services, users } from "@/db/schema";
import { hasRole } from "@/lib/actor";
import { nextOnCall, onCallAt, type Override, type Rotation } from "./on-call-at";
import type { OnCallView, OverrideView, ServiceView } from "./views";

type Person = { id: string; name: string; role: string };
type OverrideRow = Override & { createdBy: string };
type OnCallState = {
  slug: string;
  name: string;
  ownerTeam: string | null;
  rotation: Rotation | null;
  overrides: OverrideRow[];
};

/**
 * Everything the rotation arithmetic needs for some services (all when `slugs` is undefined): the
 * rotation in turn order and the overrides not yet over at `at`, plus the people they name.
 */
async function loadStates(db: Db, slugs: string[] | undefined, at: Date): Promise<{ states: OnCallState[]; people: Map<string, Person> }> {
  const bySlug = (column: AnyPgColumn) => (slugs ? inArray(column, slugs) : undefined);
  const [serviceRows, rotationRows, memberRows, overrideRows] = await Promise.all([
    db.select({ slug: services.slug, name: services.name, ownerTeam: services.ownerTeam }).from(services).where(bySlug(services.slug)).orderBy(asc(services.slug)),
    db.select().from(serviceOncall).where(bySlug(serviceOncall.serviceSlug)),
    db.select().from(oncallRotationMembers).where(bySlug(oncallRotationMembers.serviceSlug)).orderBy(asc(oncallRotationMembers.serviceSlug), asc(oncallRotationMembers.position)),
    db
      .select()
      .from(oncallOverrides)
      .where(and(bySlug(oncallOverrides.serviceSlug), gt(oncallOverrides.endsAt, at)))
      .orderBy(asc(oncallOverrides.startsAt), asc(oncallOverrides.id)),
  ]);
  const ids = [...new Set([...memberRows.map((m) => m.userId), ...overrideRows.map((o) => o.userId)])];
  const peopleRows = ids.length ? await db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(inArray(users.id, ids)) : [];
  const people = new Map(peopleRows.map((p) => [p.id, p]));
  const states = serviceRows.map((service) => {
    const setup = rotationRows.find((r) => r.serviceSlug === service.slug);
    const rotation: Rotation | null = setup
      ? { userIds: memberRows.filter((m) => m.serviceSlug === service.slug).map((m) => m.userId), handoffHours: setup.handoffHours, startsAt: setup.startsAt }
      : null;
    const overrides = overrideRows
      .filter((o) => o.serviceSlug === service.slug)
      .map((o) => ({ id: o.id, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt, createdAt: o.createdAt, createdBy: o.createdBy }));
    return { ...service, rotation, overrides };
  });
  return { states, people };
}

/** Viewers cannot run an incident, so they are never on call (a member demoted after joining leaves a gap). */
const eligibleIn = (people: Map<string, Person>) => (userId: string) => {
  const person = people.get(userId);
  return !!person && hasRole(person, "responder");
};

function toView(state: OnCallState, people: Map<string, Person>, at: Date): ServiceView {
  const eligible = eligibleIn(people);
  const nameOf = (id: string | null) => (id ? (people.get(id)?.name ?? id) : null);
  const current = onCallAt(state.rotation, state.overrides, at, eligible);
  const next = nextOnCall(state.rotation, state.overrides, at, eligible);
  return {
    slug: state.slug,
    name: state.name,
    ownerTeam: state.ownerTeam,
    onCall: state.rotation ? { userIds: [...state.rotation.userIds], handoffHours: state.rotation.handoffHours, startsAt: state.rotation.startsAt } : null,
    members: (state.rotation?.userIds ?? []).map((id) => people.get(id) ?? { id, name: id, role: "unknown" }),
    now: { userId: current, name: nameOf(current), until: next?.at ?? null },
    next: next ? { userId: next.userId, name: nameOf(next.userId), at: next.at } : null,
    overrides: state.overrides.map(
      (o): OverrideView => ({ id: o.id, userId: o.userId, userName: nameOf(o.userId)!, startsAt: o.startsAt, endsAt: o.endsAt, createdBy: o.createdBy, createdAt: o.createdAt }),
    ),
  };
}

/** Every service (or the listed ones) with its rotation, overrides and who is on call at `at`. */
export async function readServiceViews(db: Db, at: Date, slugs?: string[]): Promise<ServiceView[]> {
  const { states, people } = await loadStates(db, slugs, at);
  return states.map((state) => toView(state, people, at));
}

/** Who is on call for one service at `at`, or null when the service is unknown. Works inside a transaction. */
export async function findOnCall(db: Db, slug: string, at: Date): Promise<OnCallView | null> {
  const [view] = await readServiceViews(db, at, [slug]);
  if (!view) return null;
  return { service: slug, at, userId: view.now.userId, name: view.now.name, until: view.now.until };
}

export async function serviceExists(db: Db, slug: string): Promise<boolean> {
  const [row] = await db.select({ slug: services.slug }).from(services).where(eq(services.slug, slug));
  return !!row;
}
