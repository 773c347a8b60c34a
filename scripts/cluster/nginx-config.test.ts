import { describe, expect, it } from "vitest";
import { nginxConfig } from "./nginx-config";

const config = nginxConfig({ prefix: "/tmp/x", listenPort: 3400, upstreamPorts: [3401, 3402] });

describe("nginxConfig", () => {
  it("balances over every instance with keep-alive and passive health checks", () => {
    expect(config).toContain("server 127.0.0.1:3401 max_fails=1 fail_timeout=10s;");
    expect(config).toContain("server 127.0.0.1:3402 max_fails=1 fail_timeout=10s;");
    expect(config).toMatch(/keepalive \d+;/);
    expect(config).toContain("proxy_http_version 1.1;");
    expect(config).toContain('proxy_set_header Connection "";');
    expect(config).toContain("listen 127.0.0.1:3400;");
  });

  it("tells the app who the client is and which scheme it used", () => {
    expect(config).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(config).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
  });

  it("passes both live streams unbuffered with a long read timeout", () => {
    for (const location of [
      "location = /api/dashboard/events {",
      "location ~ ^/api/dashboard/incidents/[^/]+/events$ {",
    ]) {
      const block = config.slice(config.indexOf(location), config.indexOf("}", config.indexOf(location)));
      expect(block).toContain("proxy_buffering off;");
      expect(block).toContain("proxy_read_timeout 1h;");
    }
    expect(
      new RegExp("^/api/dashboard/incidents/[^/]+/events$").test(
        "/api/dashboard/incidents/INC-2026-0001/events",
      ),
    ).toBe(true);
  });

  it("keeps every file nginx writes under its prefix", () => {
    for (const line of config.split("\n").filter((l) => /(_path|pid|error_log) /.test(l)))
      expect(line).toContain("/tmp/x/");
  });

  it("refuses an empty upstream", () => {
    expect(() => nginxConfig({ prefix: "/tmp/x", listenPort: 1, upstreamPorts: [] })).toThrow();
  });
});
