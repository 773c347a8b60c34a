import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { serveSubscribe } from "@/lib/status-pages/serve-subscription";

export const dynamic = "force-dynamic";

export const POST = async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  serveSubscribe(request, (await params).slug);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
