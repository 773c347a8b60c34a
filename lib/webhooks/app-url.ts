/**
 * The product's public address, for links in webhook payloads (a receiver opens the incident page).
 * APP_URL wins; BETTER_AUTH_URL is already the public URL for sign-in, so it is the fallback.
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.APP_URL?.trim() || env.BETTER_AUTH_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`;
  return base.replace(/\/+$/, "");
}

export const incidentUrl = (id: string) => `${appUrl()}/incidents/${encodeURIComponent(id)}`;
export const alertUrl = (id: string) => `${appUrl()}/alerts/${encodeURIComponent(id)}`;
