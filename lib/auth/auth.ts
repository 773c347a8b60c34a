import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { accounts, appMeta, sessions, users, verifications } from "@/db/core-schema";

export const ACCOUNT_DISABLED = "ACCOUNT_DISABLED";

export const baseUrl = () => process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

/**
 * The signing secret: BETTER_AUTH_SECRET if set, else one generated on first start and kept in the
 * database, so every instance on one PostgreSQL signs and checks cookies with the same key.
 */
export async function authSecret(db: Db): Promise<string> {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  await db
    .insert(appMeta)
    .values({ key: "auth_secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, "auth_secret"));
  return row.value;
}

function createAuth(db: Db, secret: string) {
  return betterAuth({
    secret,
    baseURL: baseUrl(),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // Accounts are created by admins (and `npm run user:create`), never by self-service sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    user: {
      additionalFields: {
        role: { type: "string", defaultValue: "viewer", input: false },
        disabledAt: { type: "date", required: false, input: false },
      },
    },
    // Every way of getting a session (sign-in, the new one after a password change) goes through
    // here, after the password was checked: a disabled account gets none.
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const [user] = await db
              .select({ disabledAt: users.disabledAt })
              .from(users)
              .where(eq(users.id, session.userId));
            if (!user || user.disabledAt)
              throw new APIError("FORBIDDEN", {
                code: ACCOUNT_DISABLED,
                message: "This account is disabled.",
              });
          },
        },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Sign-in is limited per account and per IP by lib/auth/sign-in-rate-limit.ts.
    rateLimit: { enabled: false },
    advanced: { useSecureCookies: baseUrl().startsWith("https://") },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalKey = Symbol.for("incident-manager.auth");
type Cache = { db?: Db; auth?: Promise<Auth> };
const cache: Cache = ((globalThis as Record<symbol, unknown>)[globalKey] ??= {}) as Cache;

/** Created on first use, after the database is open; rebuilt if the database handle changes. */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  if (cache.db !== db || !cache.auth) {
    cache.db = db;
    cache.auth = authSecret(db).then((secret) => createAuth(db, secret));
    cache.auth.catch(() => {
      cache.auth = undefined;
    });
  }
  return cache.auth;
}
