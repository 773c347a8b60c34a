import { createElement } from "react";
import { Markdown } from "@/components/markdown";
import type { MailInput } from "@/lib/mail/schemas";
import { appUrl } from "@/lib/webhooks/app-url";
import { escapeHtml, renderStaticMarkup } from "./static-markup";
import { unsubscribeHeaders, unsubscribeUrl } from "./subscriber-tokens";

const PHASE: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/**
 * What a subscriber's mail of one public update says: only what was published (the update's title,
 * phase and Markdown, the page's name and link), never the internal incident it may be linked to.
 */
export type PublishedUpdate = {
  pageName: string;
  slug: string;
  title: string;
  phase: string;
  body: string;
  createdAt: Date;
};

/** One subscriber's mail: plain text and HTML (the Markdown rendered as the page does: no raw HTML). */
export function updateMail(update: PublishedUpdate, to: string, unsubscribeToken: string): MailInput {
  const phase = PHASE[update.phase] ?? update.phase;
  const pageUrl = `${appUrl()}/status/${encodeURIComponent(update.slug)}`;
  const unsubscribe = unsubscribeUrl(update.slug, unsubscribeToken);
  const subject = `[${update.pageName} status] ${phase}: ${update.title}`.replace(/[\r\n]+/g, " ");
  const text = [
    `${phase}: ${update.title}`,
    update.body,
    `Posted ${update.createdAt.toISOString()} on ${pageUrl}`,
    `You get this because you subscribed to the ${update.pageName} status page. Unsubscribe: ${unsubscribe}`,
  ].join("\n\n");
  const markdown = renderStaticMarkup(createElement(Markdown, null, update.body));
  const html = [
    "<!DOCTYPE html>",
    `<html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">`,
    `<p><strong>${escapeHtml(phase)}</strong>: ${escapeHtml(update.title)}</p>`,
    markdown,
    `<p style="color:#555">Posted ${escapeHtml(update.createdAt.toISOString())} on <a href="${escapeHtml(pageUrl)}">${escapeHtml(update.pageName)} status</a>.</p>`,
    `<p style="color:#555;font-size:small">You get this because you subscribed to this status page. <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a>.</p>`,
    "</body></html>",
  ].join("\n");
  return {
    to,
    subject: subject.slice(0, 998),
    text,
    html,
    headers: unsubscribeHeaders(update.slug, unsubscribeToken),
  };
}
