import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { classifyUrl } from "@/lib/markdown/url-policy";

const render = (markdown: string) => renderToStaticMarkup(createElement(Markdown, null, markdown));

describe("classifyUrl", () => {
  it.each([
    ["/incidents/INC-2026-0001", "same-origin"],
    ["#timeline", "same-origin"],
    ["?q=db", "same-origin"],
    ["https://example.com/x", "external"],
    ["HTTP://example.com", "external"],
    ["//evil.example/x.png", "external"],
    ["/\\evil.example/x", "external"],
    ["\\\\evil.example/x", "external"],
    ["/\t/evil.example", "external"],
    ["mailto:oncall@example.com", "external"],
    ["javascript:alert(1)", "inert"],
    ["JaVaScRiPt:alert(1)", "inert"],
    ["data:text/html;base64,PHNjcmlwdD4=", "inert"],
    ["vbscript:x", "inert"],
    ["", "inert"],
  ])("%s → %s", (url, kind) => {
    expect(classifyUrl(url)).toBe(kind);
  });
});

describe("Markdown rendering", () => {
  it("renders a remote image as a link named by its alt text, never an <img>", () => {
    const html = render("![dashboard](https://tracker.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      '<a href="https://tracker.example/pixel.png" target="_blank" rel="noopener noreferrer nofollow"',
    );
    expect(html).toContain(">dashboard</a>");
  });

  it("renders a protocol-relative image as a link named by its URL when there is no alt text", () => {
    const html = render("![](//tracker.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      'href="//tracker.example/pixel.png" target="_blank" rel="noopener noreferrer nofollow"',
    );
    expect(html).toContain(">//tracker.example/pixel.png</a>");
  });

  it("keeps a same-origin image", () => {
    expect(render("![graph](/graphs/latency.png)")).toContain('<img src="/graphs/latency.png" alt="graph"');
  });

  it("treats a // link as external and a path as internal", () => {
    expect(render("[x](//evil.example/login)")).toContain(
      '<a href="//evil.example/login" target="_blank" rel="noopener noreferrer nofollow"',
    );
    expect(render("[runbook](https://wiki.example/runbook)")).toContain(
      'target="_blank" rel="noopener noreferrer nofollow"',
    );
    const internal = render("[other incident](/incidents/INC-2026-0001)");
    expect(internal).toContain('<a href="/incidents/INC-2026-0001" class=');
    expect(internal).not.toContain("target=");
  });

  it("leaves javascript: and data: links and images inert", () => {
    for (const markdown of [
      "[click](javascript:alert(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "![x](data:image/png;base64,AAAA)",
      "![x](javascript:alert(1))",
    ]) {
      const html = render(markdown);
      expect(html, markdown).not.toMatch(/href=|src=|<img/);
    }
  });

  it("never renders raw HTML", () => {
    expect(render('<img src="https://tracker.example/p.png"> <script>alert(1)</script>')).not.toMatch(
      /<img|<script/,
    );
  });
});
