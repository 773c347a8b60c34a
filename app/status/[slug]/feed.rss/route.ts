import { servePublicPage } from "@/lib/status-pages/serve-public-page";

export const dynamic = "force-dynamic";

export const GET = async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  servePublicPage(request, { slug: (await params).slug }, "rss");
