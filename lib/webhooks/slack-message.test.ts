import { describe, expect, it } from "vitest";
import { slackMessage } from "./slack-message";

const hostile = "<!channel> <https://evil.test|Reset your password> & @here";
const url = "https://incidents.example.com/incidents/INC-2026-0001";

describe("slackMessage", () => {
  it("escapes the fallback text of an incident event: no mention or link of the sender's passes", () => {
    const message = slackMessage({
      type: "incident.declared",
      timestamp: "2026-03-15T14:35:00Z",
      data: {
        incident: {
          id: "INC-2026-0001",
          title: hostile,
          severity: "SEV1",
          status: "declared",
          commander: { id: "u1", name: "<@U999>" },
          url,
        },
      },
    });
    expect(message.text).toBe(
      "Incident declared: [SEV1] INC-2026-0001: &lt;!channel&gt; &lt;https://evil.test|Reset your password&gt; &amp; @\u200bhere (declared, commander &lt;@U999&gt;) " +
        url,
    );
  });

  it("escapes a note in the fallback text of an event without subject", () => {
    const message = slackMessage({
      type: "workflow.notify",
      timestamp: "2026-03-15T14:35:00Z",
      data: { message: "<!here|everyone> look" },
    });
    expect(message.text).toBe("Workflow notification: &lt;!here|everyone&gt; look");
  });
});
