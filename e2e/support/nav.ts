import type { Page } from "@playwright/test";

// The Pages link's name also carries its badge ("Pages 2 waiting for you").
const named = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`);

/**
 * A link of the header's navigation, with its group opened first: from 768 px the group's menu in the
 * bar, below it the phone's Menu panel (which holds every group). Groups of one (Workflows) are plain
 * links in the bar; opening them is skipped.
 */
export async function navLink(page: Page, group: string, name: string) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const phoneMenu = nav.getByTestId("phone-menu");
  if (await phoneMenu.isVisible()) {
    if ((await phoneMenu.getAttribute("open")) === null) await phoneMenu.locator("summary").first().click();
    return phoneMenu.getByRole("region", { name: group }).getByRole("link", { name: named(name) });
  }
  const summary =
    group === "Incidents"
      ? nav.locator('summary[aria-label="More incident pages"]')
      : nav.locator("summary").filter({ hasText: group });
  if ((await summary.count()) === 1) {
    const details = summary.locator("xpath=..");
    if ((await details.getAttribute("open")) === null) await summary.click();
    return details.getByRole("link", { name: named(name) });
  }
  return nav.getByRole("link", { name: named(name) });
}
