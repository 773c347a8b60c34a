type Env = Record<string, string | undefined>;

/** The embedded database (not in memory) loads the demo accounts unless DEMO_DATA=off. */
export function demoDataEnabled(env: Env): boolean {
  return (
    !env.DATABASE_URL?.trim() &&
    env.DEMO_DATA !== "off" &&
    !(env.DATA_DIR?.trim() ?? "").startsWith("memory://")
  );
}

/**
 * Where `npm start` listens. The demo accounts have published passwords, so a demo server stays on
 * this machine unless HOST says otherwise; a real deployment (DATABASE_URL) listens everywhere.
 */
export function listenHost(env: Env): { host: string; note?: string } {
  const explicit = env.HOST?.trim();
  if (explicit) return { host: explicit };
  if (demoDataEnabled(env))
    return {
      host: "127.0.0.1",
      note: "demo accounts: listening on 127.0.0.1 only; set HOST=0.0.0.0 to expose",
    };
  return { host: "0.0.0.0" };
}
