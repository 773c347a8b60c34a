"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Polls the incident's ETag while the page is open. When someone else changed it, says so and offers
 * to load the new state, instead of re-rendering under the reader's hands (forms may hold typed text).
 */
export function ChangeWatcher({ incidentId, version, seconds = 15 }: { incidentId: string; version: number; seconds?: number }) {
  const router = useRouter();
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    const check = async () => {
      if (document.visibilityState !== "visible") return;
      const res = await fetch(`/api/dashboard/incidents/${incidentId}`, { method: "HEAD", cache: "no-store" }).catch(() => null);
      const etag = res?.ok ? res.headers.get("etag") : null;
      if (etag && etag !== `"${version}"`) setChanged(true);
    };
    const timer = setInterval(check, seconds * 1000);
    return () => clearInterval(timer);
  }, [incidentId, version, seconds]);
  if (!changed) return null;
  return (
    <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      <span>Someone else changed this incident.</span>
      <button type="button" onClick={() => { setChanged(false); router.refresh(); }}
        className="rounded-md bg-sky-800 px-3 py-1 font-medium text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
        Show the latest
      </button>
    </div>
  );
}
