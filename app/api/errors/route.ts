import { ingestErrors } from "@/lib/error-groups/ingest-errors";
import { isErrorBatch } from "@/lib/error-groups/schemas";
import { listErrorGroups } from "@/lib/error-groups/list-error-groups";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// One occurrence answers its group (201 when this report created it); a batch answers every group it touched.
export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const raw = body();
    const { items } = await ingestErrors(db, actor, raw);
    if (isErrorBatch(raw)) return json({ items }, { status: items.some((i) => i.created) ? 201 : 200 });
    return json(items[0], { status: items[0].created ? 201 : 200 });
  },
  { bodyLimit: 1024 * 1024 },
);

export const GET = apiRoute(async ({ request, actor, db }) =>
  json(await listErrorGroups(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
