import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { serveConfirm } from "@/lib/status-pages/serve-subscription";

export const dynamic = "force-dynamic";

export const GET = async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  serveConfirm(request, (await params).slug);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
