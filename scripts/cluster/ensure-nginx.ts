// Before the cluster: the nginx that balances the instances must exist. Same pattern as
// scripts/ensure-chromium.ts: as root on Debian it is installed; otherwise one line says what to run,
// and the cluster suite counts as one failure instead of failing test by test.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const DEFAULT_NGINX = "/usr/sbin/nginx";
const INSTALL = "apt-get update && (apt-get install -y nginx-light || apt-get install -y nginx)";

export type NginxDecision =
  | { action: "ready"; path: string }
  | { action: "install"; message: string }
  | { action: "fail"; message: string };

/** Pure: what to do about nginx, from what is known about this machine. */
export function decideNginx(input: {
  found: string | null;
  isRoot: boolean;
  hasAptGet: boolean;
  customPath?: string;
}): NginxDecision {
  if (input.found) return { action: "ready", path: input.found };
  if (input.customPath)
    return {
      action: "fail",
      message: `[cluster] nginx missing: NGINX_PATH=${input.customPath} does not exist; fix it or unset it`,
    };
  if (!input.hasAptGet)
    return {
      action: "fail",
      message:
        "[cluster] nginx missing: install nginx (the load balancer of `npm run cluster`) or set NGINX_PATH to its executable",
    };
  if (!input.isRoot)
    return {
      action: "fail",
      message: `[cluster] nginx missing: run \`sudo ${INSTALL.replaceAll("apt-get install", "sudo apt-get install")}\`, then try again`,
    };
  return { action: "install", message: "[cluster] nginx missing: installing Debian's nginx-light" };
}

const commandPath = (command: string) => {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() || null : null;
};

/** Where nginx is: NGINX_PATH, Debian's /usr/sbin/nginx (not on a normal user's PATH), or PATH. */
export function findNginx(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NGINX_PATH) return existsSync(env.NGINX_PATH) ? env.NGINX_PATH : null;
  return existsSync(DEFAULT_NGINX) ? DEFAULT_NGINX : commandPath("nginx");
}

/** Decides, installs when it may (root: `install` true), prints the one line, and answers the executable. */
export function ensureNginx(options: {
  install: boolean;
  env?: NodeJS.ProcessEnv;
}): { ok: true; path: string } | { ok: false; message: string } {
  const env = options.env ?? process.env;
  const decision = decideNginx({
    found: findNginx(env),
    isRoot: process.getuid?.() === 0,
    hasAptGet: commandPath("apt-get") !== null,
    customPath: env.NGINX_PATH,
  });
  if (decision.action === "ready") return { ok: true, path: decision.path };
  if (decision.action === "fail" || !options.install) {
    const message =
      decision.action === "fail"
        ? decision.message
        : `[cluster] nginx missing: run \`${INSTALL}\` as root, then try again`;
    console.log(message);
    return { ok: false, message };
  }
  console.log(decision.message);
  spawnSync(
    "sh",
    [
      "-c",
      "apt-get update -qq && export DEBIAN_FRONTEND=noninteractive && (apt-get install -y -qq nginx-light || apt-get install -y -qq nginx)",
    ],
    { stdio: "inherit" },
  );
  const path = findNginx(env);
  if (path) return { ok: true, path };
  const message = `[cluster] nginx could not be installed; run \`${INSTALL}\` as root, then try again`;
  console.log(message);
  return { ok: false, message };
}
