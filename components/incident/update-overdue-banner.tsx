import { formatDuration } from "@/lib/format";

type Props = { severity: string; silentMinutes: number; intervalMinutes: number; canPost: boolean };

/**
 * The detail page's nudge while an incident is overdue for an update (the same rule as the list flag
 * and the reminder event). It says how long the silence is and where to break it.
 */
export function UpdateOverdueBanner({ severity, silentMinutes, intervalMinutes, canPost }: Props) {
  return (
    <p
      role="status"
      data-testid="update-overdue"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="font-semibold">No update for {formatDuration(silentMinutes * 60)}</span>
      {canPost ? (
        <>
          {" "}
          —{" "}
          <a href="#update-message" className="font-semibold underline underline-offset-2">
            post one
          </a>
          .
        </>
      ) : (
        "."
      )}{" "}
      {severity} incidents need an update at least every {intervalMinutes} minutes: what you know, what you
      don&apos;t, what&apos;s next.
    </p>
  );
}
