"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/format";

/** Time since declaration, ticking while the incident is open; the total once resolved. */
export function TickingDuration({ since, until }: { since: string; until: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const end = until ? Date.parse(until) : now;
  return (
    <time
      dateTime={`PT${Math.max(0, Math.round((end - Date.parse(since)) / 1000))}S`}
      suppressHydrationWarning
      className="tabular-nums"
    >
      {formatDuration((end - Date.parse(since)) / 1000)}
    </time>
  );
}
