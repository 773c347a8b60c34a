import { servePublicPage } from "@/lib/status-pages/serve-public-page";

// A route handler, not a page: it sets ETag and Cache-Control, answers 304, and skips the app's
// layout (which reads the database for its header) — docs/decisions/0110-status-page-snapshot.md.
export const dynamic = "force-dynamic";

export const GET = (request: Request) => servePublicPage(request, { default: true }, "html");
