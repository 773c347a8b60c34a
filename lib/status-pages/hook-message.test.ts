import { describe, expect, it } from "vitest";
import { hookUpdateMessage, hookUpdatePayload, hookVerificationMessage } from "./hook-message";

const payload = hookUpdatePayload({
  type: "public_incident.updated",
  page: { slug: "acme", name: "Acme" },
  incident: { id: "pi_1", title: "Slow", phase: "identified" },
  update: {
    id: "pu_1",
    title: "@channel [click](https://evil.example) <!here>",
    body: "**bold** @everyone",
    components: [{ name: "Payments", status: "major_outage" }],
    at: new Date("2026-12-08T00:00:00Z"),
  },
});

describe("status update chat messages", () => {
  it("keeps published text inert in every chat's markup", () => {
    const mattermost = hookUpdateMessage("mattermost", payload).text as string;
    expect(mattermost).not.toMatch(/(^|[^\\])@channel\b/);
    expect(mattermost).toContain("\\[click\\]\\(https://evil.example\\)");
    expect(mattermost).toContain("Payments: Major outage");
    const discord = hookUpdateMessage("discord", payload);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.content).toContain("\\@channel");
    const teams = JSON.stringify(hookUpdateMessage("teams", payload));
    expect(teams).toContain("application/vnd.microsoft.card.adaptive");
    expect(teams).toContain(payload.incident.url);
    const slack = hookUpdateMessage("slack", payload).text as string;
    expect(slack).toContain("&lt;!here&gt;");
    expect(slack).toContain("@\u200bchannel");
  });

  it("sends the webhook the payload as is and a verification with its confirm link", () => {
    expect(hookUpdateMessage("webhook", payload)).toBe(payload);
    const link = "https://x.example/status/acme/webhook-subscription/confirm?token=t";
    const expires = new Date("2026-12-09T00:00:00Z");
    expect(hookVerificationMessage("webhook", { slug: "acme", name: "Acme" }, link, expires)).toMatchObject({
      type: "status_page.subscription_verification",
      confirmUrl: link,
      expiresAt: "2026-12-09T00:00:00.000Z",
    });
    expect(hookVerificationMessage("slack", { slug: "acme", name: "Acme" }, link, expires).text).toContain(
      `<${link}|Confirm>`,
    );
  });
});
