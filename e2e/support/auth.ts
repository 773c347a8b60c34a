import { expect, type Page } from "@playwright/test";
import { DEMO_LOGINS } from "@/lib/demo/demo-data";

export type DemoRole = (typeof DEMO_LOGINS)[number]["role"];

/** Signs in through the real form with one of the demo accounts. */
export async function signIn(page: Page, role: DemoRole = "admin", next = "/incidents") {
  const login = DEMO_LOGINS.find((l) => l.role === role)!;
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}$`));
}
