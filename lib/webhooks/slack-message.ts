import { slackEscape as escape } from "@/lib/markdown/slack-escape";
import type { AlertSummary, IncidentSummary, WebhookBody } from "./webhook-payload";

// Slack incoming-webhook JSON: `text` is the fallback (notifications, clients without blocks), the
// blocks carry title, severity, status, commander and link. Mattermost reads the same `text`, and
// Teams' "incoming webhook" workflows accept it too.
type Block = Record<string, unknown>;

const HEADLINE: Record<string, string> = {
  "incident.declared": "Incident declared",
  "incident.status_changed": "Status changed",
  "incident.severity_changed": "Severity changed",
  "incident.commander_changed": "Commander changed",
  "incident.update_posted": "Update posted",
  "incident.resolved": "Incident resolved",
  "incident.update_overdue": "Update overdue",
  "incident.response_target_missed": "Response target missed",
  "alert.fired": "Alert fired",
  "alert.resolved": "Alert resolved",
  "postmortem.published": "Postmortem published",
  "action_item.overdue": "Action item overdue",
  "webhook.test": "Test message",
  "workflow.notify": "Workflow notification",
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function slackMessage(body: WebhookBody): Record<string, unknown> {
  const headline = HEADLINE[body.type] ?? body.type;
  const incident = body.data.incident as IncidentSummary | null | undefined;
  const alert = body.data.alert as AlertSummary | null | undefined;
  const changes = (body.data.changes ?? {}) as Record<string, unknown>;
  const note =
    typeof changes.message === "string"
      ? clip(changes.message, 2000)
      : typeof body.data.message === "string"
        ? body.data.message
        : null;
  const subject = incident ?? alert;
  const title = subject ? `${subject.id}: ${subject.title}` : headline;
  const commander = incident ? (incident.commander?.name ?? "unassigned") : null;
  // The fallback is mrkdwn too (and Markdown in Mattermost): everything but our own URL is escaped.
  const text = subject
    ? `${escape(`${headline}: [${subject.severity}] ${title} (${subject.status}${commander ? `, commander ${commander}` : ""})`)} ${subject.url}`
    : escape(`${headline}${note ? `: ${note}` : ""}`);
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: clip(`${headline}: ${title}`, 150), emoji: false } },
  ];
  if (subject) {
    blocks.push({
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Severity*\n${escape(subject.severity)}` },
        { type: "mrkdwn", text: `*Status*\n${escape(subject.status)}` },
        ...(commander ? [{ type: "mrkdwn", text: `*Commander*\n${escape(commander)}` }] : []),
        ...("from" in changes && "to" in changes
          ? [
              {
                type: "mrkdwn",
                text: `*Change*\n${escape(String(changes.from))} → ${escape(String(changes.to))}`,
              },
            ]
          : []),
      ],
    });
  }
  if (note) blocks.push({ type: "section", text: { type: "mrkdwn", text: escape(note) } });
  if (subject)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `<${subject.url}|Open ${subject.id}>` } });
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `${escape(body.type)} · ${body.timestamp}` }],
  });
  return { text: clip(text, 3000), blocks };
}
