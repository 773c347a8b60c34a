import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UpdateOverdueBanner } from "./update-overdue-banner";

describe("update overdue banner", () => {
  it("says how long the incident has been silent and links to the update form", () => {
    const html = renderToStaticMarkup(
      <UpdateOverdueBanner severity="SEV1" silentMinutes={23} intervalMinutes={15} canPost />,
    );
    expect(html).toContain("No update for 23m");
    expect(html).toContain('href="#update-message"');
    expect(html).toContain("post one");
    expect(html).toContain("SEV1 incidents need an update at least every 15 minutes");
  });
  it("offers no link to viewers, who cannot post", () => {
    const html = renderToStaticMarkup(
      <UpdateOverdueBanner severity="SEV2" silentMinutes={95} intervalMinutes={30} canPost={false} />,
    );
    expect(html).toContain("No update for 1h 35m");
    expect(html).not.toContain("href=");
  });
});
