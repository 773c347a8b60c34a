import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createStatusPage } from "@/lib/status-pages/create-status-page";
import { listStatusPages } from "@/lib/status-pages/list-status-pages";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listStatusPages(db, actor) }));

export const POST = apiRoute(async ({ actor, db, body }) => {
  const page = await createStatusPage(db, actor, body());
  return json(page, { status: 201, headers: { location: `/api/status-pages/${page.id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
