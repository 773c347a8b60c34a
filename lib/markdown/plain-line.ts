/**
 * A one-line, plain-text reading of a Markdown message for places that show text, not Markdown (the
 * list's "last update" column, tooltips): links keep their text, emphasis and code markers go, and a
 * leading heading, quote or list marker is dropped. Not a renderer: anything unusual stays as written.
 */
export function plainLine(markdown: string, max = 140): string {
  const line =
    markdown
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ?? "";
  return line
    .replace(/^(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .slice(0, max);
}
