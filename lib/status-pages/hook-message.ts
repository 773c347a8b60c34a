import { adaptiveCard, markdownEscape } from "@/lib/paging/contacts/chat-messages";
import { slackEscape } from "@/lib/markdown/slack-escape";
import { appUrl } from "@/lib/webhooks/app-url";
import type { HookType } from "./hook-schemas";

type Json = Record<string, unknown>;
export type HookEventType =
  "public_incident.created" | "public_incident.updated" | "public_incident.resolved";

/** The JSON a `webhook` subscriber receives for one public update (docs/status-pages.md). */
export type HookUpdatePayload = {
  type: HookEventType;
  page: { slug: string; name: string; url: string };
  incident: { id: string; title: string; phase: string; url: string };
  update: {
    id: string;
    title: string;
    body: string;
    components: { name: string; status: string }[];
    at: string;
  };
};

export type PublishedHookUpdate = {
  type: HookEventType;
  page: { slug: string; name: string };
  incident: { id: string; title: string; phase: string };
  update: {
    id: string;
    title: string;
    body: string;
    components: { name: string; status: string }[];
    at: Date;
  };
};

const PHASE: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};
const STATUS: Record<string, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
export const statusPageUrl = (slug: string) => `${appUrl()}/status/${encodeURIComponent(slug)}`;

export function hookUpdatePayload(published: PublishedHookUpdate): HookUpdatePayload {
  const url = statusPageUrl(published.page.slug);
  return {
    type: published.type,
    page: { ...published.page, url },
    incident: { ...published.incident, url: `${url}#${published.incident.id}` },
    update: { ...published.update, at: published.update.at.toISOString() },
  };
}

/**
 * The message for one subscriber's type: the signed JSON as is, or the chat's incoming-webhook shape
 * (as paging's chat contact methods build it). Everything published is escaped for the chat's
 * markup, so a title cannot mention `@channel` / `<!channel>` or become a link; only our URL is ours.
 */
export function hookUpdateMessage(type: HookType, payload: HookUpdatePayload): Json {
  if (type === "webhook") return payload;
  const phase = PHASE[payload.incident.phase] ?? payload.incident.phase;
  const headline = `[${payload.page.name} status] ${phase}: ${payload.update.title}`;
  const body = clip(payload.update.body, 2500);
  const components = payload.update.components.map((c) => `${c.name}: ${STATUS[c.status] ?? c.status}`);
  const url = payload.incident.url;
  if (type === "slack")
    return {
      text: clip(`${slackEscape(headline)} <${url}|Status page>`, 3000),
      blocks: [
        { type: "header", text: { type: "plain_text", text: clip(headline, 150), emoji: false } },
        { type: "section", text: { type: "mrkdwn", text: slackEscape(body) } },
        ...(components.length
          ? [{ type: "context", elements: [{ type: "mrkdwn", text: slackEscape(components.join(" · ")) }] }]
          : []),
        { type: "section", text: { type: "mrkdwn", text: `<${url}|Open the status page>` } },
      ],
    };
  if (type === "mattermost")
    return {
      text: `**${markdownEscape(headline)}**\n${markdownEscape(body)}\n${components.map(markdownEscape).join(" · ")}\n[Open the status page](${url})`,
    };
  if (type === "discord")
    return {
      content: clip(markdownEscape(headline), 2000),
      embeds: [
        {
          title: clip(payload.update.title, 256),
          url,
          description: clip(`${markdownEscape(body)}\n${components.map(markdownEscape).join(" · ")}`, 4000),
          timestamp: payload.update.at,
        },
      ],
      allowed_mentions: { parse: [] },
    };
  return adaptiveCard(
    [
      { type: "TextBlock", text: headline, weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: body, wrap: true },
      ...(components.length
        ? [{ type: "TextBlock", text: components.join(" · "), isSubtle: true, wrap: true }]
        : []),
    ],
    [{ name: "Open the status page", url }],
  );
}

/** The verification message: a confirm link, single use and valid for 24 hours. */
export function hookVerificationMessage(
  type: HookType,
  page: { slug: string; name: string },
  confirmUrl: string,
  expiresAt: Date,
): Json {
  const text = `Someone asked for ${page.name} status updates to be posted here. Confirm within 24 hours by opening (or POSTing to) this link; nothing is posted until then:`;
  if (type === "webhook")
    return {
      type: "status_page.subscription_verification",
      page: { ...page, url: statusPageUrl(page.slug) },
      confirmUrl,
      expiresAt: expiresAt.toISOString(),
    };
  if (type === "slack") return { text: `${slackEscape(text)} <${confirmUrl}|Confirm>` };
  if (type === "mattermost") return { text: `${markdownEscape(text)} [Confirm](${confirmUrl})` };
  if (type === "discord")
    return { content: `${markdownEscape(text)} ${confirmUrl}`, allowed_mentions: { parse: [] } };
  return adaptiveCard([{ type: "TextBlock", text, wrap: true }], [{ name: "Confirm", url: confirmUrl }]);
}
