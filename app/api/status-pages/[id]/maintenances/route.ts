import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listMaintenances } from "@/lib/status-pages/list-maintenances";
import { scheduleMaintenance } from "@/lib/status-pages/schedule-maintenance";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json({ items: await listMaintenances(db, actor, params.id) }),
);

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const maintenance = await scheduleMaintenance(db, actor, params.id, body());
  return json(maintenance, {
    status: 201,
    headers: {
      location: `/api/status-pages/${params.id}/maintenances/${maintenance.id}`,
      etag: etagFor(maintenance.version),
    },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
