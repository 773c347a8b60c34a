import { describe, expect, it } from "vitest";
import { decideChromium } from "./ensure-chromium";

describe("decideChromium", () => {
  it("runs the browser tests when the executable exists", () => {
    expect(decideChromium({ exists: true, isRoot: false, hasAptGet: false })).toEqual({ action: "ready" });
  });

  it("installs Debian's chromium as root with apt-get, saying so in one line", () => {
    expect(decideChromium({ exists: false, isRoot: true, hasAptGet: true })).toEqual({
      action: "install",
      message: "[test] Chromium missing: installing Debian's chromium (apt-get install -y chromium)",
    });
  });

  it("names the command to run when not root", () => {
    const decision = decideChromium({ exists: false, isRoot: false, hasAptGet: true });
    expect(decision.action).toBe("fail");
    expect(decision).toHaveProperty(
      "message",
      "[test] Chromium missing at /usr/bin/chromium: run `sudo apt-get update && sudo apt-get install -y chromium`, then npm test again",
    );
  });

  it("asks for CHROMIUM_PATH without apt-get", () => {
    const decision = decideChromium({ exists: false, isRoot: true, hasAptGet: false });
    expect(decision).toMatchObject({ action: "fail", message: expect.stringContaining("set CHROMIUM_PATH") });
  });

  it("does not install when a custom CHROMIUM_PATH is missing (the package would not put it there)", () => {
    const decision = decideChromium({
      exists: false,
      isRoot: true,
      hasAptGet: true,
      path: "/opt/chrome/chrome",
      customPath: true,
    });
    expect(decision).toMatchObject({
      action: "fail",
      message: expect.stringContaining("CHROMIUM_PATH=/opt/chrome/chrome does not exist"),
    });
    expect(
      decideChromium({
        exists: false,
        isRoot: true,
        hasAptGet: true,
        path: "/usr/bin/chromium",
        customPath: true,
      }).action,
    ).toBe("install");
  });
});
