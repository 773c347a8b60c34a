import Link from "next/link";
import type { PagingReadiness } from "@/lib/paging/paging-readiness";

/** Who in a rotation cannot be paged, or is paged by the default because they set no rules. */
export function RotationReadiness({
  members,
  readiness,
}: {
  members: { id: string; name: string }[];
  readiness: Map<string, PagingReadiness>;
}) {
  const unreachable = members.filter((m) => (readiness.get(m.id)?.verifiedMethods ?? 0) === 0);
  const noRules = members.filter((m) => {
    const r = readiness.get(m.id);
    return r && r.verifiedMethods > 0 && !r.hasRules;
  });
  if (unreachable.length === 0 && noRules.length === 0) return null;
  return (
    <div className="space-y-1 text-sm" data-testid="rotation-readiness">
      {unreachable.length > 0 && (
        <p role="note" className="text-amber-800 dark:text-amber-300">
          Cannot be paged (no verified contact method): {unreachable.map((m) => m.name).join(", ")}. A page
          skips them and says so.{" "}
          <Link href="/settings/paging" className="underline">
            Contact methods
          </Link>
        </p>
      )}
      {noRules.length > 0 && (
        <p role="note" className="text-slate-600 dark:text-slate-400">
          No notification rules, so every verified method at once: {noRules.map((m) => m.name).join(", ")}.
        </p>
      )}
    </div>
  );
}
