import { servePublicPage } from "@/lib/status-pages/serve-public-page";

// The default page's feed, like /status itself.
export const dynamic = "force-dynamic";

export const GET = (request: Request) => servePublicPage(request, { default: true }, "rss");
