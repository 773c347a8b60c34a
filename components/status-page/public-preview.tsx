"use client";

import { useState } from "react";
import { createPortal } from "react-dom";
import type { PublicIncidentSnapshot } from "@/lib/status-pages/public-snapshot";
import { PublicIncident } from "./public-incident";
import { PUBLIC_PAGE_CSS } from "./public-page-css";

// The public page's own stylesheet inside a shadow root: the draft looks exactly as on /status/<slug>
// (same markup, same Markdown rendering, same CSS) and neither stylesheet leaks into the other. The
// page's `body` rule applies to the host.
const CSS = PUBLIC_PAGE_CSS.replace(/^body\{/m, ":host{display:block;padding:.75rem;border-radius:.5rem;");

/** A live preview of a public incident as customers will read it (client-only: the shadow root needs the DOM). */
export function PublicPreview({
  incident,
  timeZone,
}: {
  incident: PublicIncidentSnapshot;
  timeZone: string;
}) {
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  return (
    <div
      role="region"
      aria-label="Preview: as customers will see it"
      data-testid="public-preview"
      className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700"
      ref={(host) => {
        if (host && !root) setRoot(host.shadowRoot ?? host.attachShadow({ mode: "open" }));
      }}
    >
      {root &&
        createPortal(
          <>
            <style>{CSS}</style>
            <PublicIncident incident={incident} timeZone={timeZone} />
          </>,
          root,
        )}
    </div>
  );
}
