import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { allowHeader, isMethodNotAllowedHandler } from "@/lib/http/method-not-allowed";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { can, PERMISSIONS, type Permission } from "@/lib/permissions";
import { createUser } from "@/lib/users/create-user";
import { call, resetDatabase } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";

// Every route.ts under app/api and every exported server action must refuse a caller who is not
// signed in, and a viewer on writes — except the few that are public on purpose.
const PUBLIC_ROUTES = new Set(["GET /api/health", "GET /api/openapi.json"]);
// A page notification's link is its own credential (one page, one person, one use): lib/paging/act-on-link.ts,
// tested in tests/integration/paging-links.test.ts.
const PUBLIC_ACTIONS = new Set([
  "app/login/actions.ts#signInAction",
  "app/login/actions.ts#signOutAction",
  "app/pages/act/[token]/actions.ts#actOnPageLinkAction",
]);
// Anyone signed in may change their own password: a viewer gets as far as validating the form.
const SELF_SERVICE_ACTIONS = new Set(["app/settings/account/actions.ts#changePasswordAction"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// Every permission authorize is asked for, so the test can hold each route and action to the table.
const asked = vi.hoisted(() => ({ current: new Set<string>(), all: new Set<string>() }));
vi.mock("@/lib/permissions", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/permissions")>();
  return {
    ...actual,
    authorize: (actor: { role: string }, permission: Permission) => {
      asked.current.add(permission);
      asked.all.add(permission);
      return actual.authorize(actor, permission);
    },
  };
});
/** Runs `work` and answers the distinct permissions it asked authorize for. */
async function permissionsAsked(work: () => Promise<unknown>): Promise<string[]> {
  asked.current = new Set();
  await work();
  return [...asked.current];
}

let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => {},
    delete: () => {},
    has: () => false,
  }),
}));

// Outside a Next request there is no cache to revalidate; the actions' answers are what is tested.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function walk(dir: string, match: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, match) : match(full) ? [full] : [];
  });
}

const routeFiles = walk("app/api", (f) => f.endsWith(`${path.sep}route.ts`));
const actionFiles = walk(
  "app",
  (f) => /\.tsx?$/.test(f) && /^["']use server["']/.test(readFileSync(f, "utf8").trimStart()),
);

/** `app/api/dashboard/incidents/[id]/route.ts` → a concrete path and the params Next would pass. */
function concrete(file: string) {
  const route = "/" + path.relative("app", path.dirname(file)).split(path.sep).join("/");
  const params: Record<string, string | string[]> = {};
  const url = route
    .replace(/\[\.\.\.(\w+)\]/g, (_, name) => ((params[name] = ["nothing-here"]), "nothing-here"))
    .replace(/\[(\w+)\]/g, (_, name) => ((params[name] = "INC-2026-0001"), "INC-2026-0001"));
  return { route, url, params };
}

const awaitedModules = new Map<string, Record<string, unknown>>();
for (const file of routeFiles) awaitedModules.set(file, await import(/* @vite-ignore */ path.resolve(file)));
/** The methods a route really implements (not the 405 answers from methodNotAllowed). */
const implemented = (file: string) =>
  METHODS.filter(
    (m) =>
      typeof awaitedModules.get(file)![m] === "function" &&
      !isMethodNotAllowedHandler(awaitedModules.get(file)![m]),
  );
const routeCases = routeFiles.flatMap((file) => implemented(file).map((method) => ({ file, method })));
// Every other method, HEAD when there is no GET (Next answers HEAD from GET), and OPTIONS.
const refusedCases = routeFiles.flatMap((file) => {
  const own = implemented(file);
  const others = [...METHODS.filter((m) => !own.includes(m)), ...(own.includes("GET") ? [] : ["HEAD"])];
  return others.map((method) => ({ file, method, allow: allowHeader(own) }));
});

beforeEach(async () => {
  await resetDatabase();
  requestHeaders = new Headers();
});

describe("route inventory", () => {
  it("finds the routes and actions it is meant to guard", () => {
    expect(routeCases.length).toBeGreaterThanOrEqual(20);
    expect(routeCases.map((c) => `${c.method} ${concrete(c.file).route}`)).toEqual(
      expect.arrayContaining([
        "POST /api/settings/users/[id]/disable",
        "POST /api/settings/users/[id]/enable",
        "POST /api/settings/users/[id]/unlock",
      ]),
    );
    expect(actionFiles.length).toBeGreaterThanOrEqual(3);
  });

  // Alerts (issue 9): every alert route is found, so the two checks below guard it.
  it("includes the alert routes", () => {
    const found = new Set(routeCases.map((c) => `${c.method} ${concrete(c.file).route}`));
    for (const route of [
      "GET /api/alerts",
      "POST /api/alerts",
      "GET /api/alerts/[id]",
      "GET /api/alerts/rules",
      "POST /api/alerts/rules",
      "GET /api/alerts/rules/[id]",
      "PATCH /api/alerts/rules/[id]",
      "DELETE /api/alerts/rules/[id]",
      "POST /api/integrations/alertmanager",
      "POST /api/integrations/pagerduty/v2/enqueue",
    ])
      expect(found).toContain(route);
  });

  it.each(routeCases)(
    "$method $file refuses an anonymous caller (401) unless public",
    async ({ file, method }) => {
      const { route, url, params } = concrete(file);
      const handler = awaitedModules.get(file)![method] as Parameters<typeof call>[0];
      const res = await call(handler, url, {
        method,
        params: params as Record<string, string>,
        as: "anonymous",
        ...(method === "GET" ? {} : { body: {} }),
      });
      if (PUBLIC_ROUTES.has(`${method} ${route}`)) {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(res.json.status).toBe(401);
      }
    },
  );

  // The table is the contract: each route asks for one permission, and a viewer is refused exactly
  // when the table denies it (so admin-only reads need no list of their own here).
  it.each(
    routeCases.filter(
      (c) => !PUBLIC_ROUTES.has(`${c.method} ${concrete(c.file).route}`) && !c.file.includes("[..."),
    ),
  )("$method $file checks exactly one permission; a viewer without it gets 403", async ({ file, method }) => {
    const { route, url, params } = concrete(file);
    const handler = awaitedModules.get(file)![method] as Parameters<typeof call>[0];
    const send = (as: "admin" | "viewer") =>
      call(handler, url, {
        method,
        params: params as Record<string, string>,
        as,
        ...(method === "GET" ? {} : { body: {} }),
      });
    let viewer: Awaited<ReturnType<typeof call>> | undefined;
    const checked = new Set([
      ...(await permissionsAsked(() => send("admin"))),
      ...(await permissionsAsked(async () => (viewer = await send("viewer")))),
    ]);
    expect([...checked], `${method} ${route} must ask authorize for exactly one permission`).toHaveLength(1);
    const [permission] = [...checked] as Permission[];
    if (method !== "GET") expect(can({ role: "viewer" }, permission), `${permission} is a write`).toBe(false);
    if (can({ role: "viewer" }, permission)) {
      expect(viewer!.status).not.toBe(403);
    } else {
      expect(viewer!.status).toBe(403);
      expect(viewer!.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers 404 from the catch-all to a signed-in viewer: there is nothing there to protect", async () => {
    const file = routeFiles.find((f) => f.includes("[..."))!;
    const { url, params } = concrete(file);
    for (const method of METHODS) {
      const handler = awaitedModules.get(file)![method] as Parameters<typeof call>[0];
      const res = await call(handler, url, {
        method,
        params: params as Record<string, string>,
        as: "viewer",
        ...(method === "GET" ? {} : { body: {} }),
      });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("methods a route does not implement", () => {
  it("covers every route file except the catch-all, which answers every method with 404", () => {
    const catchAll = routeFiles.filter((f) => f.includes("[..."));
    expect(catchAll).toHaveLength(1);
    expect(implemented(catchAll[0])).toEqual([...METHODS]);
    expect(new Set(refusedCases.map((c) => c.file)).size).toBe(routeFiles.length - 1);
  });

  it.each(refusedCases)(
    "$method $file answers 405 problem+json with Allow: $allow",
    async ({ file, method, allow }) => {
      const { url, params } = concrete(file);
      const handler = awaitedModules.get(file)![method] as Parameters<typeof call>[0] | undefined;
      expect(handler, `${file} must export ${method} from methodNotAllowed()`).toBeTypeOf("function");
      const res = await call(handler!, url, {
        method,
        params: params as Record<string, string>,
        as: "responder",
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      if (method !== "HEAD")
        expect(res.json).toMatchObject({ status: 405, title: "Method not allowed", instance: url });
    },
  );

  it.each(routeFiles.filter((f) => !f.includes("[...")))(
    "OPTIONS %s lists exactly the implemented methods",
    async (file) => {
      const { url, params } = concrete(file);
      const handler = awaitedModules.get(file)!.OPTIONS as Parameters<typeof call>[0] | undefined;
      expect(handler, `${file} must export OPTIONS from methodNotAllowed()`).toBeTypeOf("function");
      const res = await call(handler!, url, {
        method: "OPTIONS",
        params: params as Record<string, string>,
        as: "anonymous",
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("allow")).toBe(allowHeader(implemented(file)));
    },
  );
});

describe("OpenAPI document", () => {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
  it.each(routeFiles.filter((f) => !f.includes("[...")))(
    "documents %s with each method it implements",
    (file) => {
      const documented = concrete(file).route.replace(/\[(\w+)\]/g, "{$1}");
      expect(Object.keys(paths)).toContain(documented);
      for (const method of implemented(file))
        expect(Object.keys(paths[documented]), `${method} ${documented}`).toContain(method.toLowerCase());
    },
  );
});

const actionCases = (
  await Promise.all(
    actionFiles.map(async (file) => {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      return Object.entries(mod)
        .filter(([, v]) => typeof v === "function")
        .map(([name, fn]) => ({
          id: `${file.split(path.sep).join("/")}#${name}`,
          fn: fn as (...args: unknown[]) => Promise<unknown>,
        }));
    }),
  )
).flat();

async function outcome(fn: (...args: unknown[]) => Promise<unknown>) {
  const form = new FormData();
  form.set("id", "tok_1");
  form.set("name", "x-token");
  form.set("role", "viewer");
  try {
    return { result: (await fn({ status: "idle" }, form)) as { status: string; code?: string } | undefined };
  } catch (error) {
    return { redirect: String((error as { digest?: string }).digest ?? error) };
  }
}

describe("server action inventory", () => {
  it.each(actionCases.filter((c) => !PUBLIC_ACTIONS.has(c.id)))(
    "$id refuses an anonymous caller",
    async ({ fn }) => {
      const { result, redirect } = await outcome(fn);
      if (redirect) expect(redirect).toContain("/login");
      else expect(result).toMatchObject({ status: "error", code: "unauthenticated" });
    },
  );

  it.each(actionCases.filter((c) => !PUBLIC_ACTIONS.has(c.id)))(
    "$id checks exactly one permission and refuses a viewer (self-service: none, only bad input)",
    async ({ id, fn }) => {
      let viewer: Awaited<ReturnType<typeof outcome>> | undefined;
      requestHeaders = new Headers({ cookie: await cookieOf("admin") });
      const byAdmin = await permissionsAsked(() => outcome(fn));
      requestHeaders = new Headers({ cookie: await cookieOf("viewer") });
      const byViewer = await permissionsAsked(async () => (viewer = await outcome(fn)));
      const checked = [...new Set([...byAdmin, ...byViewer])];
      if (SELF_SERVICE_ACTIONS.has(id)) {
        expect(checked).toEqual([]);
        expect(viewer!.result).toMatchObject({ status: "error", code: "validation" });
        return;
      }
      expect(checked, `${id} must ask authorize for exactly one permission`).toHaveLength(1);
      expect(can({ role: "viewer" }, checked[0] as Permission), `${checked[0]} is a write`).toBe(false);
      expect(viewer!.result).toMatchObject({ status: "error", code: "forbidden" });
    },
  );
});

describe("permission table", () => {
  // Runs after the inventories above, which asked authorize for every permission they met.
  it("has no permission that no route or action checks", () => {
    expect(PERMISSIONS.filter((p) => !asked.all.has(p))).toEqual([]);
  });
});

async function cookieOf(role: "admin" | "viewer") {
  const email = `${role}-inventory@example.com`;
  const password = `${role}-password-123`;
  const db = await getDb();
  await createUser(
    db,
    { type: "system", name: "test", role: "admin" },
    { email, name: role, role, password },
  );
  const cookie = await sessionCookie(email, password);
  expect(cookie).toContain("session_token");
  return cookie;
}
