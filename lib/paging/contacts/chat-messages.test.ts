import { describe, expect, it } from "vitest";
import type { PageRow } from "../page-log";
import { pageNotificationMessage } from "./chat-messages";

const page = {
  id: "pg_1",
  title: "<!channel> <https://evil.test|Click> & @all",
  urgency: "high",
  service: "checkout-api",
} as PageRow;
const links = { acknowledge: "https://x.test/a", resolve: null, open: "https://x.test/o" };

describe("pageNotificationMessage (Slack)", () => {
  it("escapes the page title in the fallback text and keeps only our own links as links", () => {
    const message = pageNotificationMessage("slack", page, links, new Date());
    expect(message.text).toBe(
      "[HIGH] Paged for checkout-api: &lt;!channel&gt; &lt;https://evil.test|Click&gt; &amp; @\u200ball " +
        "<https://x.test/a|Acknowledge> · <https://x.test/o|Open>",
    );
  });
});
