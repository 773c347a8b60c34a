import { describe, expect, it } from "vitest";
import { toCsv } from "./to-csv";

type Row = { title: string; n: number | null; at: Date };
const columns = [
  { header: "title", value: (row: Row) => row.title },
  { header: "n", value: (row: Row) => row.n },
  { header: "at", value: (row: Row) => row.at },
];
const at = new Date("2026-03-15T14:32:00.000Z");

describe("toCsv", () => {
  it("writes a header, CRLF lines, and quotes commas, quotes and line breaks", () => {
    const text = toCsv(columns, [
      { title: "plain", n: 1, at },
      { title: 'a "quoted", multi\nline', n: null, at },
    ]);
    expect(text).toBe(
      'title,n,at\r\nplain,1,2026-03-15T14:32:00.000Z\r\n"a ""quoted"", multi\nline",,2026-03-15T14:32:00.000Z\r\n',
    );
  });

  it("keeps text that a spreadsheet would run as a formula as text", () => {
    const text = toCsv(columns, [
      { title: '=HYPERLINK("http://x")', n: -3, at },
      { title: "@SUM(A1)", n: 0, at },
      { title: "-1+1", n: 2, at },
    ]);
    const cells = text
      .split("\r\n")
      .slice(1, 4)
      .map((line) => line.split(",")[0]);
    expect(cells).toEqual(['"\'=HYPERLINK(""http://x"")"', "'@SUM(A1)", "'-1+1"]);
    // Our own numbers are not text.
    expect(text.split("\r\n")[1]).toContain(",-3,");
  });
});
