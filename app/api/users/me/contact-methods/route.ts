import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createContactMethod } from "@/lib/paging/contacts/create-contact-method";
import { listContactMethods } from "@/lib/paging/contacts/list-contact-methods";

export const GET = apiRoute(async ({ actor, db }) => json(await listContactMethods(db, actor)));

export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const method = await createContactMethod(db, actor, body());
    return json(method, {
      status: 201,
      headers: { location: `/api/users/me/contact-methods/${method.id}` },
    });
  },
  { secretBearing: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
