import { createServer, type Server } from "node:http";
import { type Page, request as apiRequest } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

test("a signed-out visitor is sent to sign in and brought back", async ({ page }) => {
  await page.goto("/settings/tokens");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Ftokens$/);
  await page.screenshot({ path: "test-results/screenshots/login.png" });
  await page.getByLabel("Email").fill("alex.chen@example.com");
  await page.getByLabel("Password").fill("demo-admin-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?next=%2Fincidents$/);
});

test("a wrong password is refused inline, and repeated failures get a growing delay", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("alex.chen@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue("alex.chen@example.com");

  for (let i = 0; i < 3; i++) {
    // React resets the form once the action has answered; type only after that.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByLabel("Email").fill("someone-guessing@example.com");
    await page.getByLabel("Password").fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.getByLabel("Password").fill("guess-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Three failures are free; then the account waits 2^3 seconds, not a 15-minute lockout.
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    /^Too many failed sign-ins\. Try again in [1-8] seconds?\.$/,
  );
});

test("an admin creates a token, it works once shown, and stops working when revoked", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "admin", "/settings/tokens");
  await page.getByLabel("Name").fill("e2e-integration");
  await page.getByLabel("Role").selectOption("responder");
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^imt_/);
  await page.screenshot({ path: "test-results/screenshots/tokens.png", fullPage: true });

  const client = await apiRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  expect((await client.get("/api/dashboard/incidents?limit=1")).status()).toBe(200);

  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole("row", { name: /e2e-integration/ })).toContainText(/expires in 29d 23h/);
  await expect(page.getByRole("row", { name: /e2e-integration/ })).toContainText("all of responder");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke e2e-integration" }).click();
  await expect(page.getByRole("row", { name: /e2e-integration/ })).toContainText("revoked");
  const refused = await client.get("/api/dashboard/incidents?limit=1");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  await client.dispose();
});

test("a viewer may read but not change, in the UI and through the API", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  const status = await page.evaluate(async () => {
    const res = await fetch("/api/dashboard/incidents", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        title: "Viewer tries",
        severity: "SEV4",
        services: ["web-frontend"],
        environment: "production",
      }),
    });
    return res.status;
  });
  expect(status).toBe(403);
});

test.describe("cross-origin", () => {
  let server: Server;
  const OTHER_PORT = 3299;
  test.beforeAll(async () => {
    server = createServer((_, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>elsewhere</title>"),
    );
    await new Promise<void>((resolve) => server.listen(OTHER_PORT, "127.0.0.1", resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("the specification's fetch from a page on another origin is refused", async ({ page, baseURL }) => {
    await signIn(page, "responder");
    await page.goto(`http://127.0.0.1:${OTHER_PORT}/`);
    const attempts = await page.evaluate(async (target) => {
      const body = JSON.stringify({
        title: "Cross-origin attack",
        severity: "SEV1",
        services: ["payment-service"],
        environment: "production",
      });
      const outcomes: string[] = [];
      try {
        const res = await fetch(`${target}/api/dashboard/incidents`, {
          method: "POST",
          credentials: "include",
          headers: { "Content-Type": "application/json" },
          body,
        });
        outcomes.push(`json:${res.status}`);
      } catch {
        outcomes.push("json:blocked");
      }
      // A "simple" request skips the CORS preflight and reaches the server with the cookie.
      await fetch(`${target}/api/dashboard/incidents`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        headers: { "Content-Type": "text/plain" },
        body,
      });
      outcomes.push("simple:sent");
      return outcomes;
    }, baseURL!);
    expect(attempts).toEqual(["json:blocked", "simple:sent"]);

    await page.goto("/incidents");
    const found = await page.evaluate(
      async () =>
        (await (await fetch("/api/dashboard/incidents?q=Cross-origin%20attack")).json()).items.length,
    );
    expect(found).toBe(0);
  });
});

test("an admin adds a user, who signs in with the password shown once", async ({ page, browser }) => {
  await signIn(page, "admin", "/settings/users");
  await page.getByLabel("Name").fill("Rota Person");
  await page.getByLabel("Email").fill("rota.person@example.com");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Add user" }).click();
  const password = (await page.getByTestId("new-user-password").textContent())!.trim();
  await expect(page.locator('tr[data-user="rota.person@example.com"]')).toBeVisible();
  await page.getByLabel("Role of Rota Person").selectOption("responder");
  await expect(page.getByLabel("Role of Rota Person")).toHaveValue("responder");
  await page.screenshot({ path: "test-results/screenshots/users.png", fullPage: true });

  const other = await (await browser.newContext()).newPage();
  await other.goto("/login");
  await other.getByLabel("Email").fill("rota.person@example.com");
  await other.getByLabel("Password").fill(password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other).toHaveURL(/\/incidents$/);
  await expect(other.getByRole("banner")).toContainText("responder");
  await other.context().close();
});

/** Adds a user through /settings/users (the page must be open as an admin) and returns the password shown once. */
async function addUser(page: Page, name: string, email: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("responder");
  await page.getByRole("button", { name: "Add user" }).click();
  const password = (await page.getByTestId("new-user-password").textContent())!.trim();
  await expect(page.locator(`tr[data-user="${email}"]`)).toBeVisible();
  return password;
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin sees a delayed account and unlocks it, and a disabled user is told so at sign-in", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin", "/settings/users");
  const password = await addUser(page, "Leaving Person", "leaving.person@example.com");

  const other = await (await browser.newContext()).newPage();
  for (let i = 0; i < 3; i++) {
    await signInAs(other, "leaving.person@example.com", `wrong-password-${i}`);
    await expect(other.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await page.reload();
  const row = page.locator('tr[data-user="leaving.person@example.com"]');
  await expect(row.getByTestId("sign-in-state")).toContainText("3 failed");
  await page.screenshot({ path: "test-results/screenshots/users-locked.png", fullPage: true });
  await row.getByRole("button", { name: "Unlock Leaving Person" }).click();
  await expect(row.getByTestId("sign-in-state")).toHaveText("ok");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Disable Leaving Person" }).click();
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("button", { name: "Enable Leaving Person" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/users-disabled.png", fullPage: true });

  await signInAs(other, "leaving.person@example.com", password);
  await expect(other.locator("form").getByRole("alert")).toHaveText(
    "This account is disabled. Ask an admin to re-enable it.",
  );
  await expect(other).toHaveURL(/\/login/);

  await row.getByRole("button", { name: "Enable Leaving Person" }).click();
  await expect(row.getByRole("button", { name: "Disable Leaving Person" })).toBeVisible();
  await signInAs(other, "leaving.person@example.com", password);
  await expect(other).toHaveURL(/\/incidents$/);
  await other.context().close();
});

test("a user changes their own password from the header; the old one stops working", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin", "/settings/users");
  const password = await addUser(page, "Pass Changer", "pass.changer@example.com");

  const user = await (await browser.newContext()).newPage();
  await signInAs(user, "pass.changer@example.com", password);
  await expect(user).toHaveURL(/\/incidents$/);
  await user
    .getByRole("banner")
    .getByRole("link", { name: /Pass Changer/ })
    .click();
  await expect(user).toHaveURL(/\/settings\/account$/);

  await user.getByLabel("Current password").fill("not-my-password");
  await user.getByLabel("New password", { exact: true }).fill("my-new-password-42");
  await user.getByLabel("Repeat new password").fill("my-new-password-42");
  await user.getByRole("button", { name: "Change password" }).click();
  await expect(user.getByText("Wrong current password.")).toBeVisible();
  await expect(user.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await user.screenshot({ path: "test-results/screenshots/account-wrong-password.png", fullPage: true });

  await user.getByLabel("Current password").fill(password);
  await user.getByLabel("New password", { exact: true }).fill("my-new-password-42");
  await user.getByLabel("Repeat new password").fill("my-new-password-42");
  await user.getByRole("button", { name: "Change password" }).click();
  await expect(user).toHaveURL(/\/settings\/account\?changed=1$/);
  await expect(user.getByRole("status")).toHaveText(
    "Password changed. Your other sessions have been signed out.",
  );
  // This session carries on with the fresh cookie better-auth set.
  await expect(user.getByRole("banner")).toContainText("Pass Changer");
  await user.screenshot({ path: "test-results/screenshots/account-changed.png", fullPage: true });
  await user.goto("/incidents");
  await expect(user).toHaveURL(/\/incidents$/);
  await user.context().close();

  const fresh = await (await browser.newContext()).newPage();
  await signInAs(fresh, "pass.changer@example.com", password);
  await expect(fresh.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signInAs(fresh, "pass.changer@example.com", "my-new-password-42");
  await expect(fresh).toHaveURL(/\/incidents$/);
  await fresh.context().close();
});
