import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Shaped like better-auth's `user` model so sign-in can adopt this table as is.
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: text("role").notNull().default("responder"),
  // Set while an admin has disabled the account: no sign-in, no sessions, none of its tokens work.
  disabledAt: ts("disabled_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const environments = pgTable("environments", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const services = pgTable("services", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  ownerTeam: text("owner_team"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state").notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    // The claim that may complete this key; a takeover of an abandoned claim gives it a new owner.
    owner: uuid("owner").notNull().defaultRandom(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    index("idempotency_keys_created_at").on(t.createdAt),
  ],
);

export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// better-auth's session, account and verification models (the user model is `users` above).
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ts("access_token_expires_at"),
    refreshTokenExpiresAt: ts("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// API tokens: only the SHA-256 of the secret is stored; the secret is shown once at creation.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    // Null: never expires.
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    // Null: the token may do whatever its role may (every token made before scopes existed). A list:
    // only the permissions of these scopes (lib/permissions.ts), and of those only what the role grants.
    scopes: text("scopes").array(),
  },
  // A name is reusable once its token is revoked; timeline entries say `token:<name>`.
  (t) => [
    uniqueIndex("api_tokens_active_name")
      .on(t.name)
      .where(sql`revoked_at is null`),
  ],
);

// Sign-in attempts that reached (or are reaching) the password check, per account and client: the
// trusted IP, `addr:<claimed address>` or `device:<known device>` (column `ip`, null when none is
// known); a success removes its own pair's rows. See lib/auth/sign-in-rate-limit.ts.
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    account: text("account").notNull(),
    ip: text("ip"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_attempts_account_idx").on(t.account, t.ip, t.at),
    index("sign_in_attempts_ip_idx").on(t.ip, t.at),
  ],
);

// Service health at 1-minute resolution, one row per service, environment and minute.
export const serviceMetrics = pgTable(
  "service_metrics",
  {
    service: text("service")
      .notNull()
      .references(() => services.slug),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    ts: ts("ts").notNull(),
    errorRate: doublePrecision("error_rate").notNull(),
    latencyP95Ms: doublePrecision("latency_p95_ms").notNull(),
    requestRate: doublePrecision("request_rate").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.service, t.environment, t.ts] }),
    index("service_metrics_ts_idx").on(t.ts),
  ],
);
