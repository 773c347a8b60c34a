import { servePublicLiveScript } from "@/lib/status-pages/public-live-script";

export const GET = (request: Request) => servePublicLiveScript(request);
