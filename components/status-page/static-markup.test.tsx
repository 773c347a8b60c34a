import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { renderStaticMarkup } from "@/lib/status-pages/static-markup";

describe("renderStaticMarkup", () => {
  it("renders host elements, attributes, void elements and fragments", () => {
    const html = renderStaticMarkup(
      <>
        <meta charSet="utf-8" />
        <p className="a" aria-label="x">
          one {2} <time dateTime="2026-01-01T00:00:00Z">then</time>
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element -- the serialiser's void element */}
        <img src="/logo.png" alt="" />
        {null}
        {false}
      </>,
    );
    expect(html).toBe(
      '<meta charset="utf-8"><p class="a" aria-label="x">one 2 <time datetime="2026-01-01T00:00:00Z">then</time></p><img src="/logo.png" alt="">',
    );
  });

  it("escapes text and attributes", () => {
    expect(renderStaticMarkup(<p title={'"><script>'}>{"<script>alert(1)</script> & co"}</p>)).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>',
    );
  });

  it("renders Markdown as the app does: formatting kept, HTML and javascript: links inert", () => {
    const html = renderStaticMarkup(
      <Markdown>{"Some **bold**, a [link](javascript:alert(1)) and <b onclick=x>raw</b>"}</Markdown>,
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<b onclick");
    expect(html).toContain("<span>link</span>");
  });

  it("refuses raw HTML and scripts", () => {
    expect(() => renderStaticMarkup(<div dangerouslySetInnerHTML={{ __html: "<b>x</b>" }} />)).toThrow();
    expect(() => renderStaticMarkup(<script>{"alert(1)"}</script>)).toThrow();
    expect(() => renderStaticMarkup(<style>{"</style><script>"}</style>)).toThrow();
    expect(() => renderStaticMarkup(<script src="https://elsewhere.example/x.js" defer />)).toThrow();
    expect(() =>
      renderStaticMarkup(
        <script src="/status/live.js" defer>
          {"alert(1)"}
        </script>,
      ),
    ).toThrow();
  });

  it("renders a same-origin script by URL alone", () => {
    expect(renderStaticMarkup(<script src="/status/live.js" defer />)).toBe(
      '<script src="/status/live.js" defer></script>',
    );
  });
});
