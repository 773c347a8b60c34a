import {
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { services, users } from "./core-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// On-call rotations and overrides, re-exported from db/schema.ts.
// A service's on-call rotation: members take turns of `handoff_hours`, in position order, from
// `starts_at`. Who is on call is computed (lib/oncall/on-call-at.ts), never stored.
export const serviceOncall = pgTable("service_oncall", {
  serviceSlug: text("service_slug")
    .primaryKey()
    .references(() => services.slug, { onDelete: "cascade" }),
  handoffHours: integer("handoff_hours").notNull(),
  startsAt: ts("starts_at").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const oncallRotationMembers = pgTable(
  "oncall_rotation_members",
  {
    serviceSlug: text("service_slug")
      .notNull()
      .references(() => serviceOncall.serviceSlug, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.serviceSlug, t.position] }),
    uniqueIndex("oncall_rotation_members_user_key").on(t.serviceSlug, t.userId),
  ],
);

// Someone covers a service over [starts_at, ends_at); the newest override wins where several overlap.
export const oncallOverrides = pgTable(
  "oncall_overrides",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    serviceSlug: text("service_slug")
      .notNull()
      .references(() => services.slug, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    createdBy: text("created_by").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("oncall_overrides_service_ends_idx").on(t.serviceSlug, t.endsAt)],
);
