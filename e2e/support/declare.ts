import type { Page } from "@playwright/test";

export type DeclareFields = { severity?: string; description?: string };

/** Declares through the API with the page's own session (search-api, production) and returns the new id. */
export function declareViaApi(page: Page, title: string, fields: DeclareFields = {}): Promise<string> {
  const body = {
    title,
    severity: fields.severity ?? "SEV2",
    services: ["search-api"],
    environment: "production",
    description: fields.description,
  };
  return page.evaluate(async (body) => {
    const res = await fetch("/api/dashboard/incidents", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()).id as string;
  }, body);
}
