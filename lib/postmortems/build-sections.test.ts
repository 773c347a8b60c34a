import { describe, expect, it } from "vitest";
import { mergeSections, renderMarkdown, SECTION_KEYS, SECTION_TITLES } from "./build-sections";

const generated = (text: string) =>
  Object.fromEntries(SECTION_KEYS.map((k) => [k, `${text} ${k}`])) as Record<
    (typeof SECTION_KEYS)[number],
    string
  >;

describe("mergeSections", () => {
  it("creates every section, unedited, in order", () => {
    const sections = mergeSections([], generated("v1"));
    expect(sections.map((s) => s.key)).toEqual(SECTION_KEYS);
    expect(
      sections.every(
        (s) =>
          !s.edited &&
          s.text === `v1 ${s.key}` &&
          s.title === SECTION_TITLES[s.key as keyof typeof SECTION_TITLES],
      ),
    ).toBe(true);
  });

  it("replaces only sections nobody edited", () => {
    const first = mergeSections([], generated("v1")).map((s) =>
      s.key === "root_cause" ? { ...s, text: "Mine", edited: true } : s,
    );
    const second = mergeSections(first, generated("v2"));
    expect(second.find((s) => s.key === "root_cause")).toMatchObject({ text: "Mine", edited: true });
    expect(second.find((s) => s.key === "summary")).toMatchObject({ text: "v2 summary", edited: false });
  });

  it("renders one Markdown document with a heading per section", () => {
    const md = renderMarkdown(mergeSections([], generated("v1")));
    expect(md.match(/^## /gm)).toHaveLength(SECTION_KEYS.length);
    expect(md).toContain("## What went badly\n\nv1 went_badly");
  });
});
