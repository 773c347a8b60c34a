import { apiRoute } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteContactMethod } from "@/lib/paging/contacts/delete-contact-method";

type Params = { id: string };

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteContactMethod(db, actor, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["DELETE"]);
