import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Summaries } from "./summaries";
import { Timeline } from "./timeline";

describe("mitigation and resolution summaries", () => {
  it("render as Markdown on the incident page, raw HTML still escaped", () => {
    const html = renderToStaticMarkup(
      <Summaries
        mitigation={"Rolled back to **v2.3.0**"}
        resolution={"Fixed in `v2.3.2`, see [PR](https://example.com/pr/1) <script>x</script>"}
      />,
    );
    expect(html).toContain("<strong>v2.3.0</strong>");
    expect(html).toContain("<code>v2.3.2</code>");
    expect(html).toContain('href="https://example.com/pr/1"');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("**");
  });

  it("render as Markdown in the timeline's status change entries", () => {
    const html = renderToStaticMarkup(
      <Timeline
        entries={[
          {
            id: 1,
            incidentId: "INC-2026-0001",
            kind: "status_changed",
            actor: "Alex Chen",
            message: null,
            createdAt: new Date("2026-03-15T14:20:00Z"),
            data: {
              from: "investigating",
              to: "mitigated",
              reason: "advance",
              summary: "Failed over to **eu-west-2**",
            },
          },
        ]}
      />,
    );
    expect(html).toContain("<strong>eu-west-2</strong>");
    expect(html).not.toContain("**eu-west-2**");
  });
});
