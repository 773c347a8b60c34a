import Link from "next/link";

/**
 * The one refusal every page shows when its use case answers `forbidden` (see `loadPage`): the role,
 * the use case's own reason, and what to do instead (`children`, or a general hint).
 */
export function NotAllowed({
  role,
  message,
  children,
}: {
  role: string;
  message: string;
  children?: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby="not-allowed-heading"
      className="mt-6 flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        fill="currentColor"
        className="mt-0.5 h-5 w-5 shrink-0 text-amber-600 dark:text-amber-400"
      >
        <path
          fillRule="evenodd"
          d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
          clipRule="evenodd"
        />
      </svg>
      <div className="text-sm">
        <h2 id="not-allowed-heading" className="text-base font-semibold">
          Not allowed — your role is {role}
        </h2>
        <p className="mt-1">{message}</p>
        <p className="mt-1">
          {children ??
            "Ask an admin if your work needs a different role. You can still follow every incident as it unfolds."}
        </p>
        <Link
          href="/incidents"
          className="mt-3 inline-block rounded-md border border-amber-400 bg-white px-3 py-1.5 font-medium text-amber-950 hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-amber-700 dark:bg-amber-900 dark:text-amber-50 dark:hover:bg-amber-800"
        >
          Back to incidents
        </Link>
      </div>
    </section>
  );
}
