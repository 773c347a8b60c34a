import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { serveHookConfirm } from "@/lib/status-pages/serve-hook-subscription";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

export const GET = async (request: Request, { params }: Context) =>
  serveHookConfirm(request, (await params).slug);
export const POST = async (request: Request, { params }: Context) =>
  serveHookConfirm(request, (await params).slug);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
