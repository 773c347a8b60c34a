import Link from "next/link";
import type { SimilarIncident } from "@/lib/postmortems/find-similar-incidents";

/** "Similar to INC-… (N open action items)": earlier incidents on the same service in the last 90 days. */
export function SimilarIncidents({ items }: { items: SimilarIncident[] }) {
  if (items.length === 0) return null;
  return (
    <div
      role="note"
      aria-label="Similar incidents"
      data-testid="similar-incidents"
      className="rounded-lg border border-violet-300 bg-violet-50 px-4 py-2 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
    >
      {items.map((s, i) => (
        <span key={s.id}>
          {i === 0 ? "Similar to " : ", "}
          <Link href={`/incidents/${s.id}`} className="font-medium underline">
            {s.id}
          </Link>{" "}
          ({s.openActionItems} open action item{s.openActionItems === 1 ? "" : "s"}
          {s.reason === "same_link" ? ", same alert or error group" : ""})
        </span>
      ))}
    </div>
  );
}
