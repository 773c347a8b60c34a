import type { ReactNode } from "react";

/**
 * React elements to an HTML string, for the public status page's route handler. Route handlers run
 * in Next's React Server Components layer, where react-dom/server refuses to load (`next build`
 * fails), so this covers what that page renders: host elements, fragments, arrays and function
 * components without hooks (react-markdown's output included). Text and attribute values are always
 * escaped; raw HTML (dangerouslySetInnerHTML) is refused; a <style> takes only trusted constant text.
 */
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  charSet: "charset",
  dateTime: "datetime",
  tabIndex: "tabindex",
  colSpan: "colspan",
  rowSpan: "rowspan",
  httpEquiv: "http-equiv",
};
const FRAGMENT = Symbol.for("react.fragment");

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

type Element = { type: unknown; props: Record<string, unknown> & { children?: ReactNode } };
const isElement = (node: unknown): node is Element =>
  typeof node === "object" && node !== null && "$$typeof" in node && "type" in node && "props" in node;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "key" || key === "ref") continue;
    if (key === "dangerouslySetInnerHTML") throw new Error("Raw HTML is never rendered on the status page.");
    if (value === null || value === undefined || value === false || typeof value === "function") continue;
    if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(key)) throw new Error(`Unexpected attribute name ${key}.`);
    const name = NAMES[key] ?? key;
    if (value === true) {
      out += ` ${name}`;
      continue;
    }
    const text =
      key === "style" && typeof value === "object"
        ? Object.entries(value as Record<string, unknown>)
            .map(([property, v]) => `${kebab(property)}:${String(v)}`)
            .join(";")
        : String(value);
    out += ` ${name}="${escapeHtml(text)}"`;
  }
  return out;
}

export function renderStaticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint")
    return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(renderStaticMarkup).join("");
  if (!isElement(node)) throw new Error("Only elements, text and arrays can be rendered here.");
  const { type, props } = node;
  if (type === FRAGMENT) return renderStaticMarkup(props.children);
  if (typeof type === "function") {
    if (type.prototype?.isReactComponent) throw new Error("Class components are not supported here.");
    return renderStaticMarkup((type as (p: unknown) => ReactNode)(props));
  }
  if (typeof type !== "string" || !/^[a-z][a-z0-9-]*$/.test(type))
    throw new Error("Only host elements and function components can be rendered here.");
  const open = `<${type}${attributes(props)}>`;
  if (VOID.has(type)) return open;
  // A script only by URL (same-origin by CSP), never inline: no text of any kind runs from here.
  if (type === "script") {
    if (props.children !== undefined || typeof props.src !== "string" || !props.src.startsWith("/"))
      throw new Error("A <script> here takes a same-origin src and nothing else.");
    return `${open}</script>`;
  }
  if (type === "style") {
    const text = typeof props.children === "string" ? props.children : "";
    if (/<\//.test(text)) throw new Error(`A <${type}> cannot be rendered here.`);
    return `${open}${text}</${type}>`;
  }
  return `${open}${renderStaticMarkup(props.children)}</${type}>`;
}
