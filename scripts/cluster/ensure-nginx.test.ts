import { describe, expect, it } from "vitest";
import { decideNginx } from "./ensure-nginx";

describe("decideNginx", () => {
  it("uses the nginx it found", () => {
    expect(decideNginx({ found: "/usr/sbin/nginx", isRoot: false, hasAptGet: false })).toEqual({
      action: "ready",
      path: "/usr/sbin/nginx",
    });
  });

  it("installs the Debian package as root", () => {
    expect(decideNginx({ found: null, isRoot: true, hasAptGet: true }).action).toBe("install");
  });

  it("says what to run otherwise, in one line", () => {
    const user = decideNginx({ found: null, isRoot: false, hasAptGet: true });
    expect(user.action).toBe("fail");
    expect((user as { message: string }).message).toMatch(/sudo apt-get install -y nginx-light/);
    expect(
      (decideNginx({ found: null, isRoot: true, hasAptGet: false }) as { message: string }).message,
    ).toMatch(/NGINX_PATH/);
    expect(
      (
        decideNginx({ found: null, isRoot: true, hasAptGet: true, customPath: "/opt/nginx" }) as {
          message: string;
        }
      ).message,
    ).toMatch(/NGINX_PATH=\/opt\/nginx/);
  });
});
