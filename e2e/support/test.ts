import { expect, test as base } from "@playwright/test";

/**
 * Playwright's `test`, plus a guard on every page: a Content Security Policy violation reported in
 * the browser console fails the test (the page would be silently missing a script or style).
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/content security policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "Content Security Policy violations in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
