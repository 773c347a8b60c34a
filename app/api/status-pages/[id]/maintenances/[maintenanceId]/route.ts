import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getMaintenance } from "@/lib/status-pages/get-maintenance";
import { updateMaintenance } from "@/lib/status-pages/update-maintenance";

type Params = { id: string; maintenanceId: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const maintenance = await getMaintenance(db, actor, params.id, params.maintenanceId);
  return json(maintenance, { headers: { etag: etagFor(maintenance.version) } });
});

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const maintenance = await updateMaintenance(db, actor, params.id, params.maintenanceId, body(), {
    expectedVersion: expectedVersionFrom(request),
  });
  return json(maintenance, { headers: { etag: etagFor(maintenance.version) } });
});

export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["GET", "PATCH"]);
