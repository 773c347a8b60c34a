import { SEVERITIES, SEVERITY_TABLE, type Severity } from "@/lib/incidents/severity";
import { describedBy, FieldError, hintId } from "@/components/form/field";

// The cards repeat the severity table's colours (SEV1 red … SEV4 blue) so the choice reads the same
// here as in the list's badges.
const tone: Record<Severity, { dot: string; card: string }> = {
  SEV1: {
    dot: "bg-red-500",
    card: "has-[:checked]:border-red-500 has-[:checked]:bg-red-50 has-[:checked]:ring-red-500 dark:has-[:checked]:bg-red-950/40",
  },
  SEV2: {
    dot: "bg-orange-500",
    card: "has-[:checked]:border-orange-500 has-[:checked]:bg-orange-50 has-[:checked]:ring-orange-500 dark:has-[:checked]:bg-orange-950/40",
  },
  SEV3: {
    dot: "bg-yellow-400",
    card: "has-[:checked]:border-yellow-500 has-[:checked]:bg-yellow-50 has-[:checked]:ring-yellow-500 dark:has-[:checked]:bg-yellow-950/40",
  },
  SEV4: {
    dot: "bg-blue-500",
    card: "has-[:checked]:border-blue-500 has-[:checked]:bg-blue-50 has-[:checked]:ring-blue-500 dark:has-[:checked]:bg-blue-950/40",
  },
};

export function SeverityPicker({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const id = "severity";
  return (
    <fieldset
      id={id}
      role="radiogroup"
      tabIndex={-1}
      aria-labelledby={`${id}-legend`}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, { hint: true, error })}
      className="focus:outline-none"
    >
      <legend id={`${id}-legend`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        Severity
      </legend>
      <p id={hintId(id)} className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
        Judge by impact on users, not by how hard the fix looks. You can change it later.
      </p>
      <div className="mt-2 grid grid-cols-2 gap-2 lg:grid-cols-4">
        {SEVERITIES.map((level) => {
          const info = SEVERITY_TABLE[level];
          return (
            <label
              key={level}
              className={`relative flex cursor-pointer flex-col rounded-lg border bg-white p-3 text-sm shadow-sm transition-colors hover:border-slate-400 has-[:checked]:ring-1 has-[:focus-visible]:outline-none has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-500 has-[:focus-visible]:ring-offset-2 dark:bg-slate-950 dark:hover:border-slate-500 dark:has-[:focus-visible]:ring-offset-slate-900 ${
                error ? "border-red-400 dark:border-red-700" : "border-slate-300 dark:border-slate-700"
              } ${tone[level].card}`}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="severity"
                  value={level}
                  defaultChecked={defaultValue === level}
                  className="h-4 w-4 accent-slate-900 focus:outline-none dark:accent-slate-100"
                />
                <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${tone[level].dot}`} />
                <span className="font-semibold">{level}</span>
                <span className="text-slate-600 dark:text-slate-300">{info.name}</span>
              </span>
              <span className="mt-1.5 text-slate-700 dark:text-slate-300">{info.description}</span>
              <span className="mt-1 hidden text-xs italic text-slate-500 sm:block dark:text-slate-400">
                e.g. {info.example}
              </span>
              <span className="mt-2 inline-flex w-fit items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5">
                  <path
                    fillRule="evenodd"
                    d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .2.08.39.22.53l3 3a.75.75 0 1 0 1.06-1.06l-2.78-2.78V5Z"
                    clipRule="evenodd"
                  />
                </svg>
                Respond{" "}
                {info.responseTargetLabel.startsWith("<")
                  ? `within ${info.responseTargetLabel.slice(1).trim()}`
                  : info.responseTargetLabel.toLowerCase()}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={id} message={error} />
    </fieldset>
  );
}
