"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Tells the server the browser's time zone (cookie `tz`), so date-only due dates are judged overdue
 * where the viewer is; when it was missing or changed, the page is rendered again with it.
 */
export function TimeZoneCookie({ current }: { current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const sent = document.cookie.match(/(?:^|;\s*)tz=([^;]*)/)?.[1];
    // Compared with what was sent, not with what the server made of it: a zone the server does not
    // know falls back to UTC there, and must not refresh the page for ever.
    if (!zone || zone === current || (sent && decodeURIComponent(sent) === zone)) return;
    document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
