import { adaptiveCard, markdownEscape } from "@/lib/paging/contacts/chat-messages";
import { slackEscape } from "@/lib/markdown/slack-escape";
import type { HookType } from "./hook-schemas";
import { statusPageUrl } from "./hook-message";
import type { MaintenanceMailKind } from "./maintenance-job-specs";

type Json = Record<string, unknown>;

/** The JSON a `webhook` subscriber receives for one maintenance event (docs/status-pages.md). */
export type HookMaintenancePayload = {
  type: `maintenance.${MaintenanceMailKind}`;
  page: { slug: string; name: string; url: string };
  maintenance: {
    id: string;
    title: string;
    body: string;
    startsAt: string;
    endsAt: string;
    components: string[];
    url: string;
  };
};

export type PublishedMaintenance = {
  id: string;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  components: string[];
  page: { slug: string; name: string };
};

const HEADING: Record<MaintenanceMailKind, string> = {
  scheduled: "Scheduled maintenance",
  reminder: "Maintenance starts soon",
  started: "Maintenance in progress",
  completed: "Maintenance completed",
  cancelled: "Maintenance cancelled",
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function hookMaintenancePayload(
  maintenance: PublishedMaintenance,
  kind: MaintenanceMailKind,
): HookMaintenancePayload {
  const url = statusPageUrl(maintenance.page.slug);
  return {
    type: `maintenance.${kind}`,
    page: { ...maintenance.page, url },
    maintenance: {
      id: maintenance.id,
      title: maintenance.title,
      body: maintenance.body,
      startsAt: maintenance.startsAt.toISOString(),
      endsAt: maintenance.endsAt.toISOString(),
      components: maintenance.components,
      url: `${url}#${maintenance.id}`,
    },
  };
}

/** The window in the page's time zone, as the public page shows it. */
function windowText(maintenance: PublishedMaintenance): string {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: maintenance.timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return `${format.format(maintenance.startsAt)} – ${format.format(maintenance.endsAt)}`;
}

/** The message per subscriber type; published text escaped for the chat's markup, as for updates. */
export function hookMaintenanceMessage(
  type: HookType,
  kind: MaintenanceMailKind,
  maintenance: PublishedMaintenance,
): Json {
  const payload = hookMaintenancePayload(maintenance, kind);
  if (type === "webhook") return payload;
  const headline = `[${maintenance.page.name} status] ${HEADING[kind]}: ${maintenance.title}`;
  const details = `${windowText(maintenance)} · ${maintenance.components.join(", ")}`;
  const body = clip(maintenance.body, 2500);
  const url = payload.maintenance.url;
  if (type === "slack")
    return {
      text: clip(`${slackEscape(headline)} <${url}|Status page>`, 3000),
      blocks: [
        { type: "header", text: { type: "plain_text", text: clip(headline, 150), emoji: false } },
        { type: "section", text: { type: "mrkdwn", text: slackEscape(body) } },
        { type: "context", elements: [{ type: "mrkdwn", text: slackEscape(details) }] },
        { type: "section", text: { type: "mrkdwn", text: `<${url}|Open the status page>` } },
      ],
    };
  if (type === "mattermost")
    return {
      text: `**${markdownEscape(headline)}**\n${markdownEscape(body)}\n${markdownEscape(details)}\n[Open the status page](${url})`,
    };
  if (type === "discord")
    return {
      content: clip(markdownEscape(headline), 2000),
      embeds: [
        {
          title: clip(maintenance.title, 256),
          url,
          description: clip(`${markdownEscape(body)}\n${markdownEscape(details)}`, 4000),
        },
      ],
      allowed_mentions: { parse: [] },
    };
  return adaptiveCard(
    [
      { type: "TextBlock", text: headline, weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: body, wrap: true },
      { type: "TextBlock", text: details, isSubtle: true, wrap: true },
    ],
    [{ name: "Open the status page", url }],
  );
}
