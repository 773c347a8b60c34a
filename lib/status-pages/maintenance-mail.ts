import { createElement } from "react";
import { Markdown } from "@/components/markdown";
import type { MailInput } from "@/lib/mail/schemas";
import { appUrl } from "@/lib/webhooks/app-url";
import type { MaintenanceMailKind } from "./maintenance-job-specs";
import { escapeHtml, renderStaticMarkup } from "./static-markup";
import { unsubscribeHeaders, unsubscribeUrl } from "./subscriber-tokens";
import { inZone } from "./zoned-local-time";

const HEADING: Record<MaintenanceMailKind, string> = {
  scheduled: "Scheduled maintenance",
  reminder: "Maintenance starting soon",
  started: "Maintenance in progress",
  completed: "Maintenance completed",
  cancelled: "Maintenance cancelled",
};

/** What a subscriber's maintenance mail says: only what was published, in the page's time zone. */
export type PublishedMaintenance = {
  pageName: string;
  slug: string;
  timeZone: string;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date;
  components: string[];
};

export function maintenanceMail(
  maintenance: PublishedMaintenance,
  kind: MaintenanceMailKind,
  to: string,
  unsubscribeToken: string,
): MailInput {
  const heading = HEADING[kind];
  const pageUrl = `${appUrl()}/status/${encodeURIComponent(maintenance.slug)}`;
  const unsubscribe = unsubscribeUrl(maintenance.slug, unsubscribeToken);
  const window = `${inZone(maintenance.startsAt, maintenance.timeZone)} – ${inZone(maintenance.endsAt, maintenance.timeZone)}`;
  const affected = maintenance.components.join(", ");
  const subject = `[${maintenance.pageName} status] ${heading}: ${maintenance.title}`.replace(
    /[\r\n]+/g,
    " ",
  );
  const text = [
    `${heading}: ${maintenance.title}`,
    `When: ${window}\nComponents: ${affected}`,
    maintenance.body,
    `Details: ${pageUrl}`,
    `You get this because you subscribed to the ${maintenance.pageName} status page. Unsubscribe: ${unsubscribe}`,
  ].join("\n\n");
  const html = [
    "<!DOCTYPE html>",
    `<html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">`,
    `<p><strong>${escapeHtml(heading)}</strong>: ${escapeHtml(maintenance.title)}</p>`,
    `<p>When: ${escapeHtml(window)}<br>Components: ${escapeHtml(affected)}</p>`,
    renderStaticMarkup(createElement(Markdown, null, maintenance.body)),
    `<p style="color:#555"><a href="${escapeHtml(pageUrl)}">${escapeHtml(maintenance.pageName)} status</a></p>`,
    `<p style="color:#555;font-size:small">You get this because you subscribed to this status page. <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a>.</p>`,
    "</body></html>",
  ].join("\n");
  return {
    to,
    subject: subject.slice(0, 998),
    text,
    html,
    headers: unsubscribeHeaders(maintenance.slug, unsubscribeToken),
  };
}
