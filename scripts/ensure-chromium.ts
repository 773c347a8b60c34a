// Before the browser tests: the Chromium that playwright.config.ts launches must exist. On a fresh
// Debian machine as root it is installed; otherwise one line says what to run, and the e2e step
// counts as one failure instead of every browser test failing on its own.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";

export type ChromiumDecision =
  { action: "ready" } | { action: "install"; message: string } | { action: "fail"; message: string };

/** Pure: what to do about the browser, from what is known about this machine. */
export function decideChromium(input: {
  exists: boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  path?: string;
  customPath?: boolean;
}): ChromiumDecision {
  const path = input.path ?? DEFAULT_CHROMIUM;
  if (input.exists) return { action: "ready" };
  // Debian's package lands in /usr/bin/chromium, so it cannot satisfy a CHROMIUM_PATH pointing elsewhere.
  if (input.customPath && path !== DEFAULT_CHROMIUM) {
    return {
      action: "fail",
      message: `[test] Chromium missing: CHROMIUM_PATH=${path} does not exist; fix it or unset it to use ${DEFAULT_CHROMIUM}`,
    };
  }
  if (!input.hasAptGet) {
    return {
      action: "fail",
      message: `[test] Chromium missing at ${path}: install Chromium and set CHROMIUM_PATH to its executable`,
    };
  }
  if (!input.isRoot) {
    return {
      action: "fail",
      message: `[test] Chromium missing at ${path}: run \`sudo ${INSTALL.replace("&& apt-get", "&& sudo apt-get")}\`, then npm test again`,
    };
  }
  return {
    action: "install",
    message: "[test] Chromium missing: installing Debian's chromium (apt-get install -y chromium)",
  };
}

const onPath = (command: string) =>
  spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

/** Decides, installs when it may, prints the one line, and answers whether the browser tests can run. */
export function ensureChromium(
  env: NodeJS.ProcessEnv = process.env,
): { ok: true } | { ok: false; message: string } {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  const decision = decideChromium({
    exists: existsSync(path),
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath("apt-get"),
    path,
    customPath: Boolean(env.CHROMIUM_PATH),
  });
  if (decision.action === "ready") return { ok: true };
  console.log(decision.message);
  if (decision.action === "fail") return { ok: false, message: decision.message };
  const installed = spawnSync(
    "sh",
    ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"],
    { stdio: "inherit" },
  );
  if (installed.status === 0 && existsSync(path)) return { ok: true };
  const message = `[test] Chromium could not be installed; run \`${INSTALL}\` as root, then npm test again`;
  console.log(message);
  return { ok: false, message };
}
