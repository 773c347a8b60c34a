import { servePublicLive } from "@/lib/status-pages/serve-public-live";

export const dynamic = "force-dynamic";

export const GET = async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  servePublicLive(request, { slug: (await params).slug });
