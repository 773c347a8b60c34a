import { apiRoute, json } from "@/lib/http/api-route";
import { CSV, csvResponse, readFormat } from "@/lib/http/file-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listSubscribers, subscribersCsv } from "@/lib/status-pages/list-subscribers";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ request, actor, db, params }) => {
  const { format } = readFormat(request, CSV);
  const list = await listSubscribers(db, actor, params.id);
  if (format === "csv") return csvResponse(subscribersCsv(list.subscribers), `subscribers-${params.id}.csv`);
  return json(list, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
