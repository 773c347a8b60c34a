export type ActionItemLine = {
  id: number;
  title: string;
  status: string;
  priority: string;
  ownerName: string | null;
  dueDate: string | null;
};

export function buildActionItemsText(items: ActionItemLine[]): string {
  if (items.length === 0) return "No action items yet.";
  return items
    .map(
      (a) =>
        `- [${a.status === "done" ? "x" : " "}] ${a.title} (${a.priority}, ${a.status.replace("_", " ")}${a.ownerName ? `, ${a.ownerName}` : ""}${a.dueDate ? `, due ${a.dueDate}` : ""})`,
    )
    .join("\n");
}
