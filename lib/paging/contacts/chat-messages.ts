import type { NotificationLinks } from "../action-links";
import type { PageRow } from "../page-log";
import type { ContactMethodType } from "./schemas";
import { slackEscape } from "@/lib/markdown/slack-escape";

// What each chat's incoming webhook understands. Slack reads `text` (the notification fallback, mrkdwn)
// and blocks; Mattermost reads `text` and Slack-style attachments (no blocks); Teams (Workflows and the
// older connectors) an Adaptive Card in a message; Discord `content` and embeds. The generic webhook
// gets plain JSON, signed by the caller.

type Json = Record<string, unknown>;

// Discord and Mattermost markdown: a title must not become a link, a mention or formatting.
export const markdownEscape = (text: string) => text.replace(/([\\`*_~|[\]()<>#@])/g, "\\$1");
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

type Action = { name: string; url: string };
const actionsOf = (links: NotificationLinks): Action[] => [
  { name: "Acknowledge", url: links.acknowledge },
  ...(links.resolve ? [{ name: "Resolve", url: links.resolve }] : []),
  ...(links.open ? [{ name: "Open", url: links.open }] : []),
];

const headlineOf = (page: PageRow) =>
  `${page.urgency === "high" ? "[HIGH] " : ""}Paged${page.service ? ` for ${page.service}` : ""}`;

export const adaptiveCard = (body: Json[], actions: Action[]) => ({
  type: "message",
  attachments: [
    {
      contentType: "application/vnd.microsoft.card.adaptive",
      contentUrl: null,
      content: {
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        type: "AdaptiveCard",
        version: "1.4",
        body,
        actions: actions.map((a) => ({ type: "Action.OpenUrl", title: a.name, url: a.url })),
      },
    },
  ],
});

/** The message of one page notification, with the person's own Acknowledge / Resolve / Open links. */
export function pageNotificationMessage(
  type: ContactMethodType,
  page: PageRow,
  links: NotificationLinks,
  now: Date,
): Json {
  const headline = headlineOf(page);
  const title = clip(page.title, 500);
  const actions = actionsOf(links);
  const note = `${page.urgency} urgency; the links are yours alone, work once and expire in 24 hours.`;
  if (type === "slack")
    return {
      text: clip(
        `${slackEscape(`${headline}: ${title}`)} ${actions.map((a) => `<${a.url}|${a.name}>`).join(" · ")}`,
        3000,
      ),
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: `*${slackEscape(headline)}*\n${slackEscape(title)}` },
        },
        {
          type: "actions",
          elements: actions.map((a, i) => ({
            type: "button",
            text: { type: "plain_text", text: a.name, emoji: false },
            url: a.url,
            action_id: `page_${a.name.toLowerCase()}`,
            ...(i === 0 ? { style: "danger" } : {}),
          })),
        },
        { type: "context", elements: [{ type: "mrkdwn", text: slackEscape(note) }] },
      ],
    };
  if (type === "mattermost")
    return {
      text: `**${markdownEscape(headline)}**: ${markdownEscape(title)}`,
      attachments: [
        {
          fallback: `${headline}: ${title}`,
          color: page.urgency === "high" ? "#dc2626" : "#d97706",
          title: clip(title, 250),
          ...(links.open ? { title_link: links.open } : {}),
          text: `${actions.map((a) => `[${a.name}](${a.url})`).join(" · ")}\n${note}`,
        },
      ],
    };
  if (type === "teams")
    return adaptiveCard(
      [
        { type: "TextBlock", text: headline, weight: "Bolder", size: "Medium", wrap: true },
        { type: "TextBlock", text: title, wrap: true },
        { type: "TextBlock", text: note, isSubtle: true, size: "Small", wrap: true },
      ],
      actions,
    );
  if (type === "discord")
    return {
      content: clip(`${markdownEscape(headline)}: ${markdownEscape(title)}`, 2000),
      embeds: [
        {
          title: clip(title, 256),
          ...(links.open ? { url: links.open } : {}),
          description: `${actions.map((a) => `[${a.name}](${a.url})`).join(" · ")}\n${note}`,
          color: page.urgency === "high" ? 0xdc2626 : 0xd97706,
          timestamp: now.toISOString(),
        },
      ],
      allowed_mentions: { parse: [] },
    };
  return {
    type: "page.notification",
    timestamp: now.toISOString(),
    page: {
      id: page.id,
      title: page.title,
      urgency: page.urgency,
      state: page.state,
      service: page.service,
      incidentId: page.incidentId,
      alertId: page.alertId,
      createdAt: page.createdAt.toISOString(),
    },
    links,
  };
}

/** The message carrying a verification code, in the method's own format. */
export function verificationMessage(
  type: ContactMethodType,
  method: { id: string; label: string },
  code: string,
  now: Date,
): Json {
  const text = (label: string) =>
    `Your incident manager verification code for "${label}" is ${code}. It is valid for 10 minutes.`;
  if (type === "slack") return { text: slackEscape(text(method.label)) };
  if (type === "mattermost") return { text: text(markdownEscape(method.label)) };
  if (type === "teams")
    return adaptiveCard([{ type: "TextBlock", text: text(method.label), wrap: true }], []);
  if (type === "discord")
    return { content: text(markdownEscape(method.label)), allowed_mentions: { parse: [] } };
  return {
    type: "contact_method.verification",
    timestamp: now.toISOString(),
    contactMethodId: method.id,
    code,
    message: text(method.label),
  };
}
