"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { LiveIndicator } from "./live-indicator";
import { useEventStream } from "./use-event-stream";

// Events often come in bursts (one PATCH: severity and status); one re-render answers the burst.
const COALESCE_MS = 100;

/**
 * Re-renders the page from the server when the stream reports a change. Client state survives a
 * refresh (what is typed in a form stays: React keeps the components, the forms decide about their
 * version with useEditGuard). Shows the Live / Reconnecting… pill where it is placed.
 */
export function LiveRefresh({ url }: { url: string }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const status = useEventStream(url, () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      startTransition(() => router.refresh());
    }, COALESCE_MS);
  });
  return <LiveIndicator status={status} />;
}
