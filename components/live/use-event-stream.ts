"use client";

import { useEffect, useRef, useState } from "react";
import { LIVE_EVENT_NAMES } from "@/lib/live/event-names";
import { LIVE_RESET_EVENT, type LiveMessage } from "@/lib/live/sse-message";

export type LiveStatus = "connecting" | "live" | "reconnecting";

// After a refusal the browser gives up (a 503 beyond the stream cap, a 401 after the session ended);
// this is how long to wait before trying again ourselves.
const REOPEN_MS = 5_000;

const withLastEventId = (url: string, id: string | null) =>
  id ? `${url}${url.includes("?") ? "&" : "?"}lastEventId=${encodeURIComponent(id)}` : url;

/**
 * Follows an SSE stream of domain events. The browser reconnects by itself (sending Last-Event-ID);
 * when it gives up, or the tab comes back from the background, a new EventSource resumes from the last
 * id seen via `?lastEventId=`. A hidden tab closes its stream: over HTTP/1.1 a browser allows only
 * six connections per site, and background tabs must not use them up. `onEvent(null)` says "the
 * stream came back without a resume point; re-read everything" (nothing had arrived before).
 */
export function useEventStream(url: string, onEvent: (message: LiveMessage | null) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let opened = false;

    const dispatch = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastId = event.lastEventId;
      try {
        handler.current(JSON.parse(event.data) as LiveMessage);
      } catch {
        // A message this page cannot read is skipped; the next refresh shows the state anyway.
      }
    };
    // The server cut a long replay short: re-read the page; the event's id is the new resume point.
    const reset = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastId = event.lastEventId;
      handler.current(null);
    };
    const close = () => {
      clearTimeout(reopen);
      source?.close();
      source = null;
    };
    const open = () => {
      close();
      const current = new EventSource(withLastEventId(url, lastId));
      source = current;
      const resumable = lastId !== null;
      current.onopen = () => {
        setStatus("live");
        // A replay covers the gap when there is a resume point; without one, re-read once.
        if (opened && !resumable) handler.current(null);
        opened = true;
      };
      current.onerror = () => {
        setStatus("reconnecting");
        if (current.readyState === EventSource.CLOSED) reopen = setTimeout(open, REOPEN_MS);
      };
      for (const name of LIVE_EVENT_NAMES) current.addEventListener(name, dispatch as EventListener);
      current.addEventListener(LIVE_RESET_EVENT, reset as EventListener);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") close();
      else if (!source) {
        setStatus("reconnecting");
        open();
      }
    };

    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [url]);

  return status;
}
