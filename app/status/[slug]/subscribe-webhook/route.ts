import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { serveHookSubscribe } from "@/lib/status-pages/serve-hook-subscription";

export const dynamic = "force-dynamic";

export const POST = async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  serveHookSubscribe(request, (await params).slug);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
