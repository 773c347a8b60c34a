import type { ColumnDef } from "@tanstack/react-table";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

type Row = { id: string; name: string; count: number };
const columns: ColumnDef<Row>[] = [
  { id: "name", header: "Name", accessorFn: (r) => r.name },
  { id: "count", header: "Count", accessorFn: (r) => r.count, meta: { align: "right" } },
  { id: "menu", header: "Menu", cell: ({ row }) => <a href={`/rows/${row.original.id}`}>open</a> },
];
const rows: Row[] = [
  { id: "b", name: "Beta", count: 2 },
  { id: "a", name: "Alpha", count: 10 },
];

describe("data table", () => {
  it("renders a captioned table with column headers and the rows in the order given", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} data={rows} rowKey={(r) => r.id} caption="Things, newest first" />,
    );
    expect(html).toContain('<caption class="sr-only">Things, newest first</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html.indexOf("Beta")).toBeLessThan(html.indexOf("Alpha"));
    expect(html).toContain('href="/rows/a"');
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*">10<\/td>/);
    expect(html).not.toContain("aria-sort");
    expect(html).not.toContain("<button");
    // Positioned, so an sr-only header at the far right scrolls with the table instead of widening the page.
    expect(html).toContain('class="relative overflow-x-auto');
  });

  it("offers a sort button with aria-sort on each column with a value, not on display columns", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} data={rows} rowKey={(r) => r.id} caption="Things" sortable />,
    );
    expect(html.match(/aria-sort="none"/g)).toHaveLength(2);
    expect(html.match(/<button type="button"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="col" class="[^"]*">Menu<\/th>/);
  });

  it("states a server-sorted column's order from its meta", () => {
    const sorted: ColumnDef<Row>[] = [
      { ...columns[0], meta: { ariaSort: "descending" } } as ColumnDef<Row>,
      columns[1],
    ];
    const html = renderToStaticMarkup(
      <DataTable columns={sorted} data={rows} rowKey={(r) => r.id} caption="Things" />,
    );
    expect(html.match(/aria-sort="descending"/g)).toHaveLength(1);
  });

  it("keys rows by the given key and adds their attributes", () => {
    const html = renderToStaticMarkup(
      <DataTable
        columns={columns}
        data={rows}
        rowKey={(r) => r.id}
        caption="Things"
        rowProps={(r) => ({ className: r.count > 5 ? "bg-red-50" : undefined, "data-row": r.id })}
      />,
    );
    expect(html).toMatch(/<tr class="[^"]*bg-red-50" data-row="a">/);
    expect(html).toContain('data-row="b"');
  });

  it("shows the empty message across all columns when there are no rows", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} data={[]} rowKey={(r) => r.id} caption="Things" empty="Nothing yet." />,
    );
    expect(html).toMatch(/<td colSpan="3" class="[^"]*">Nothing yet\.<\/td>/);
  });

  it("links the server's keyset pages below the table, and has no page links without them", () => {
    const html = renderToStaticMarkup(
      <DataTable
        columns={columns}
        data={rows}
        rowKey={(r) => r.id}
        caption="Things"
        pages={{ next: { href: "/things?cursor=abc", label: "Older things" } }}
      />,
    );
    expect(html).toContain('<nav aria-label="Pages"');
    expect(html).toContain('<a class="underline" href="/things?cursor=abc">Older things</a>');
    expect(html).not.toContain("Newest");
    const none = renderToStaticMarkup(
      <DataTable columns={columns} data={rows} rowKey={(r) => r.id} caption="Things" pages={{}} />,
    );
    expect(none).not.toContain("<nav");
  });
});
