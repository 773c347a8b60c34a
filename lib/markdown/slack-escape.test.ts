import { describe, expect, it } from "vitest";
import { slackEscape } from "./slack-escape";

describe("slackEscape", () => {
  it("escapes &, < and > as Slack's rules say, so no mention, link or entity passes through", () => {
    expect(slackEscape("<!channel> <https://evil.test|Click> <@U123> a & b &amp;")).toBe(
      "&lt;!channel&gt; &lt;https://evil.test|Click&gt; &lt;@U123&gt; a &amp; b &amp;amp;",
    );
  });

  it("defuses Mattermost's @channel, @here and @all, and leaves other text alone", () => {
    expect(slackEscape("@channel @Here @all @everyone")).toBe(
      "@\u200bchannel @\u200bHere @\u200ball @\u200beveryone",
    );
    expect(slackEscape("ping alex@example.com about @alex, 5 > 3?")).toBe(
      "ping alex@example.com about @alex, 5 &gt; 3?",
    );
  });
});
