import { DomainError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api-route";

// Unknown API paths answer in the API's own language (after authentication, like every route).
const notFound = apiRoute(async ({ request }) => {
  throw new DomainError("not_found", `No API endpoint at ${new URL(request.url).pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
