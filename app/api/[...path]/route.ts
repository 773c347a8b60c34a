import { DomainError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";

// Unknown API paths answer in the API's own language instead of an HTML page.
const notFound = (request: Request) =>
  problemResponse(new DomainError("not_found", `No API endpoint at ${new URL(request.url).pathname}.`), new URL(request.url).pathname);

export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
