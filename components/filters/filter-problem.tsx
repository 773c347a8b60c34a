import Link from "next/link";
import type { FieldError } from "@/lib/errors";

/** The one refusal for filters read from the URL (a hand-edited bad value), with a way back. */
export function FilterProblem({
  errors,
  reset,
}: {
  errors: FieldError[];
  reset?: { href: string; label: string };
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">These filters cannot be applied.</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((e) => (
          <li key={e.path}>
            {e.path}: {e.message}
          </li>
        ))}
      </ul>
      {reset && (
        <Link href={reset.href} className="mt-2 inline-block underline">
          {reset.label}
        </Link>
      )}
    </div>
  );
}
