import Link from "next/link";

const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** A text or date input, or (with options) a select whose first option, "Any", means no filter. */
export type GetFilterField = {
  name: string;
  label: string;
  type?: "text" | "date";
  placeholder?: string;
  options?: readonly (string | { value: string; label: string })[];
};

type Props = {
  /** The form's accessible name. */
  label: string;
  fields: GetFilterField[];
  /** The query the page was loaded with: the fields' values, and whether Clear is offered. */
  values: Record<string, string>;
  /** Where Clear leads: the page without a query. */
  clearHref: string;
};

/** A list page's filters as a plain GET form: Apply reloads the page with them in the URL. */
export function GetFilterForm({ label, fields, values, clearHref }: Props) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={label}>
      {fields.map((field) => (
        <label key={field.name} className="flex flex-col gap-1">
          {field.label}
          {field.options ? (
            <select name={field.name} defaultValue={values[field.name] ?? ""} className={control}>
              <option value="">Any</option>
              {field.options.map((option) => {
                const { value, label } =
                  typeof option === "string" ? { value: option, label: option } : option;
                return (
                  <option key={value} value={value}>
                    {label}
                  </option>
                );
              })}
            </select>
          ) : (
            <input
              type={field.type}
              name={field.name}
              defaultValue={values[field.name] ?? ""}
              placeholder={field.placeholder}
              className={control}
            />
          )}
        </label>
      ))}
      <button
        type="submit"
        className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900"
      >
        Apply
      </button>
      {Object.keys(values).length > 0 && (
        <Link href={clearHref} className="py-1.5 text-slate-600 underline dark:text-slate-300">
          Clear
        </Link>
      )}
    </form>
  );
}
