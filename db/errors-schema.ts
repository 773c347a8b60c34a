import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { environments, services } from "./core-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Error groups and releases, re-exported from db/schema.ts.
// One row per distinct error (fingerprint) in one service and environment: the same fingerprint in
// staging and production are two groups, as they would be two incidents.
export const errorGroups = pgTable(
  "error_groups",
  {
    id: text("id").primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    title: text("title").notNull(),
    culprit: text("culprit"),
    service: text("service")
      .notNull()
      .references(() => services.slug),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    count: integer("count").notNull(),
    // The largest number of affected users any report carried (a lower bound; users are not stored).
    usersAffected: integer("users_affected").notNull().default(0),
    firstSeen: ts("first_seen").notNull(),
    lastSeen: ts("last_seen").notNull(),
    status: text("status").notNull().default("unresolved"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("error_groups_fingerprint_key").on(t.service, t.environment, t.fingerprint),
    index("error_groups_last_seen_idx").on(t.lastSeen, t.id),
    index("error_groups_first_seen_idx").on(t.service, t.environment, t.firstSeen),
  ],
);

// Occurrences per hour, for the trend sparkline; written by the same upsert as the group.
export const errorGroupHourly = pgTable(
  "error_group_hourly",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => errorGroups.id, { onDelete: "cascade" }),
    hour: ts("hour").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.hour] })],
);

// One deployment of a version of a service to an environment.
export const releases = pgTable(
  "releases",
  {
    id: text("id").primaryKey(),
    service: text("service")
      .notNull()
      .references(() => services.slug),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    version: text("version").notNull(),
    commitSha: text("commit_sha"),
    url: text("url"),
    deployedAt: ts("deployed_at").notNull(),
    deployedBy: text("deployed_by").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("releases_version_key").on(t.service, t.environment, t.version),
    index("releases_deployed_idx").on(t.service, t.environment, t.deployedAt),
    index("releases_deployed_at_idx").on(t.deployedAt, t.id),
  ],
);
