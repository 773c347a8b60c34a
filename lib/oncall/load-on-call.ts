import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { fromJson } from "@/lib/db/row-from-driver";
import { oncallOverrides, oncallRotationMembers, serviceOncall } from "@/db/oncall-schema";
import { oncallStamp } from "@/db/token-cache-schema";
import { services, users } from "@/db/core-schema";
import { canRespond } from "@/lib/permissions";
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

// Built once: every declaration without a named commander runs it.
const readStates = preparedStatement(
  "oncall_states",
  () => sql`
    select s.slug, s.name, s.owner_team as "ownerTeam",
      (select json_build_object('handoffHours', so.handoff_hours, 'startsAt', so.starts_at) from ${serviceOncall} so where so.service_slug = s.slug) as rotation,
      (select json_agg(m.user_id order by m.position) from ${oncallRotationMembers} m where m.service_slug = s.slug) as members,
      (select json_agg(json_build_object('id', o.id, 'userId', o.user_id, 'startsAt', o.starts_at, 'endsAt', o.ends_at, 'createdAt', o.created_at, 'createdBy', o.created_by) order by o.starts_at, o.id)
         from ${oncallOverrides} o where o.service_slug = s.slug and o.ends_at > ${sql.placeholder("at")}::timestamptz) as overrides,
      (select json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role)) from ${users} u where u.id in (
         select m.user_id from ${oncallRotationMembers} m where m.service_slug = s.slug
         union select o.user_id from ${oncallOverrides} o where o.service_slug = s.slug and o.ends_at > ${sql.placeholder("at")}::timestamptz)) as people,
      (select st.version from ${oncallStamp} st where st.id = 1) as stamp
    from ${services} s
    where ${sql.placeholder("slugs")}::jsonb is null or s.slug in (select jsonb_array_elements_text(${sql.placeholder("slugs")}::jsonb))
    order by s.slug`,
);

/**
 * Everything the rotation arithmetic needs for some services (all when `slugs` is undefined): the
 * rotation in turn order and the overrides not yet over at `at`, plus the people they name, in one
 * statement (aggregated per service row): it runs inside every declaration without a named commander.
 */
async function loadStates(
  db: Db,
  slugs: string[] | undefined,
  at: Date,
): Promise<{ states: OnCallState[]; people: Map<string, Person>; stamp: number | null }> {
  if (slugs?.length === 0) return { states: [], people: new Map(), stamp: null };
  const rows = (await readStates(db, {
    slugs: slugs ? JSON.stringify(slugs) : null,
    at: at.toISOString(),
  })) as ServiceRow[];
  const states = rows.map((row): OnCallState => {
    const setup = fromJson<{ handoffHours: number; startsAt: string } | null>(row.rotation);
    const members = fromJson<string[] | null>(row.members) ?? [];
    const overrides = (fromJson<RawOverride[] | null>(row.overrides) ?? []).map((o) => ({
      id: Number(o.id),
      userId: o.userId,
      startsAt: new Date(o.startsAt),
      endsAt: new Date(o.endsAt),
      createdAt: new Date(o.createdAt),
      createdBy: o.createdBy,
    }));
    const rotation: Rotation | null = setup
      ? { userIds: members, handoffHours: setup.handoffHours, startsAt: new Date(setup.startsAt) }
      : null;
    return { slug: row.slug, name: row.name, ownerTeam: row.ownerTeam, rotation, overrides };
  });
  const people = rows.flatMap((row) => fromJson<Person[] | null>(row.people) ?? []);
  return {
    states,
    people: new Map(people.map((p) => [p.id, p])),
    stamp: rows.length ? Number(rows[0].stamp) : null,
  };
}

type RawOverride = {
  id: number | string;
  userId: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  createdBy: string;
};
type ServiceRow = {
  slug: string;
  name: string;
  ownerTeam: string | null;
  rotation: unknown;
  members: unknown;
  overrides: unknown;
  people: unknown;
  stamp: number | string;
};

/** Viewers cannot run an incident, so they are never on call (a member demoted after joining leaves a gap). */
const eligibleIn = (people: Map<string, Person>) => (userId: string) => {
  const person = people.get(userId);
  return !!person && canRespond(person);
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
    onCall: state.rotation
      ? {
          userIds: [...state.rotation.userIds],
          handoffHours: state.rotation.handoffHours,
          startsAt: state.rotation.startsAt,
        }
      : null,
    members: (state.rotation?.userIds ?? []).map((id) => people.get(id) ?? { id, name: id, role: "unknown" }),
    now: { userId: current, name: nameOf(current), until: next?.at ?? null },
    next: next ? { userId: next.userId, name: nameOf(next.userId), at: next.at } : null,
    overrides: state.overrides.map((o): OverrideView => ({
      id: o.id,
      userId: o.userId,
      userName: nameOf(o.userId)!,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      createdBy: o.createdBy,
      createdAt: o.createdAt,
    })),
  };
}

/** Every service (or the listed ones) with its rotation, overrides and who is on call at `at`. */
export async function readServiceViews(db: Db, at: Date, slugs?: string[]): Promise<ServiceView[]> {
  const { states, people } = await loadStates(db, slugs, at);
  return states.map((state) => toView(state, people, at));
}

const onCallOf = (slug: string, at: Date, view: ServiceView | undefined): OnCallView | null =>
  view ? { service: slug, at, userId: view.now.userId, name: view.now.name, until: view.now.until } : null;

/** Who is on call for one service at `at`, or null when the service is unknown. Works inside a transaction. */
export async function findOnCall(db: Db, slug: string, at: Date): Promise<OnCallView | null> {
  const [view] = await readServiceViews(db, at, [slug]);
  return onCallOf(slug, at, view);
}

// A service's on-call state as last read by this process, with the on-call stamp it was read at: a
// declaration that uses it sends one statement instead of two, and that statement asserts the stamp
// (assert_oncall_stamp, migration 0029), so a schedule changed since, by any instance, is never used.
// A minute at most, so a quiet process does not keep states it no longer needs.
const CACHE_MS = 60_000;
const cached = new Map<
  string,
  { state: OnCallState; people: Map<string, Person>; stamp: number; readAt: number }
>();
export const ONCALL_STAMP_MOVED = "IMT02";

/**
 * findOnCall for a declaration, from the process's cache when it holds the service: `stamp` is then the
 * version the statement must assert (null when read now: nothing to check). The rotation arithmetic
 * runs at `at` either way, so a handoff since the read is honoured.
 */
export async function findOnCallForDeclaration(
  db: Db,
  slug: string,
  at: Date,
): Promise<{ onCall: OnCallView | null; stamp: number | null }> {
  const hit = cached.get(slug);
  if (hit && Date.now() - hit.readAt < CACHE_MS)
    return { onCall: onCallOf(slug, at, toView(hit.state, hit.people, at)), stamp: hit.stamp };
  const { states, people, stamp } = await loadStates(db, [slug], at);
  const [state] = states;
  // An override that ends before `at` is left out of the read, and so of every later use: it is over.
  if (state && stamp !== null) cached.set(slug, { state, people, stamp, readAt: Date.now() });
  return { onCall: onCallOf(slug, at, state && toView(state, people, at)), stamp: null };
}

/** After a statement found the stamp moved: the next declaration reads the states again. */
export function forgetOnCallStates() {
  cached.clear();
}
