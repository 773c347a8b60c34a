import Link from "next/link";

const LABEL: Record<string, string> = { draft: "draft", in_review: "in review", published: "published" };

/** The incident page's way to its postmortem, or to the page that creates one. */
export function PostmortemLink({
  incidentId,
  status,
  preparing = false,
  openItems,
  canCreate,
}: {
  incidentId: string;
  status: string | null;
  /** Resolved a moment ago: the draft is being generated (the page refreshes when it is there). */
  preparing?: boolean;
  openItems: number;
  canCreate: boolean;
}) {
  const href = `/incidents/${incidentId}/postmortem`;
  if (!status && preparing) {
    return (
      <p className="text-sm text-slate-600" role="status" data-testid="postmortem-preparing">
        Postmortem being prepared…
      </p>
    );
  }
  if (!status) {
    return canCreate ? (
      <Link href={href} className="text-sm underline">
        Create postmortem
      </Link>
    ) : (
      <p className="text-sm text-slate-500">No postmortem yet.</p>
    );
  }
  return (
    <p className="text-sm">
      <Link href={href} className="font-medium underline" data-testid="postmortem-link">
        Postmortem ({LABEL[status] ?? status})
      </Link>
      {openItems > 0 && (
        <span className="text-slate-500">
          {" "}
          · {openItems} open action item{openItems === 1 ? "" : "s"}
        </span>
      )}
    </p>
  );
}
