import { compactControlClass } from "@/components/form/field";

// The labelled inputs shared by the incident list's and the metrics page's filter forms.

const labelClass = "text-xs font-medium text-slate-600 dark:text-slate-400";

type SelectProps = {
  id: string;
  name: string;
  label: string;
  value?: string;
  allLabel: string;
  options: { value: string; label: string }[];
};

/** A select whose first option means "no filter" (an empty value the form leaves out of the URL). */
export function FilterSelect({ id, name, label, value, allLabel, options }: SelectProps) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={compactControlClass}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterInput({
  id,
  name,
  label,
  value,
  type = "text",
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  type?: string;
  placeholder?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        placeholder={placeholder}
        className={compactControlClass}
      />
    </div>
  );
}
